/**
 * What a mapping invokes and reads, checked as Lambda checks them: the function (and qualifier)
 * or the state machine must exist, the queue too, and the queue's visibility timeout must cover
 * the function's timeout (else a batch still running would be handed out again).
 */
import { invalid } from "@/lib/errors";
import { parseFunctionRef } from "@/lib/function-ref";
import type { ServiceContext } from "@/lib/services/context";
import { getFunctionOrThrow } from "@/lib/services/functions/get";
import { getQueueOrThrow } from "@/lib/services/queues/get";
import { getStateMachineOrThrow } from "@/lib/services/state-machines/record";
import { parseStatesArn } from "@/lib/workflows/arn";
import { EXPRESS_MAX_MS } from "@/lib/workflows/engine/express";

const EXPRESS_MAX_SECONDS = EXPRESS_MAX_MS / 1000;

export interface MappingTarget {
  functionId: string | null;
  stateMachineId: string | null;
  qualifier: string | null;
}

export async function checkTarget(
  ctx: ServiceContext,
  functionRef: string,
  queueName: string,
  reportBatchItemFailures = false,
): Promise<MappingTarget> {
  if (functionRef.startsWith("arn:aws:states:"))
    return checkStateMachine(ctx, functionRef, queueName, reportBatchItemFailures);
  const ref = parseFunctionRef(functionRef);
  const fn = await getFunctionOrThrow(ctx, ref.name);
  let timeoutSec = fn.timeoutSec;
  if (ref.qualifier !== "$LATEST") {
    if (/^\d+$/.test(ref.qualifier)) {
      const v = await ctx.db.functionVersion.findUnique({
        where: { functionId_version: { functionId: fn.id, version: Number(ref.qualifier) } },
      });
      if (!v) throw invalid(`Function ${ref.name} has no version ${ref.qualifier}`);
      timeoutSec = v.timeoutSec;
    } else {
      const a = await ctx.db.functionAlias.findUnique({
        where: { functionId_name: { functionId: fn.id, name: ref.qualifier } },
      });
      if (!a) throw invalid(`Function ${ref.name} has no alias ${ref.qualifier}`);
    }
  }
  const q = await queueOf(ctx, queueName);
  if (q.visibilityTimeoutSec < timeoutSec)
    throw invalid(
      `Queue visibility timeout: ${q.visibilityTimeoutSec} seconds is less than Function timeout: ${timeoutSec} seconds`,
    );
  return { functionId: fn.id, stateMachineId: null, qualifier: ref.qualifier === "$LATEST" ? null : ref.qualifier };
}

/**
 * A state machine by its ARN (a Nimbus extension: on AWS, EventBridge Pipes does this). A
 * Standard machine's batch only starts an execution (so there is no result to report failures
 * from); an Express one's runs while its messages are in flight, so the queue's visibility timeout
 * must cover Express's five minutes.
 */
async function checkStateMachine(
  ctx: ServiceContext,
  arn: string,
  queueName: string,
  reportBatchItemFailures: boolean,
): Promise<MappingTarget> {
  const parsed = parseStatesArn(arn);
  if (parsed?.kind !== "stateMachine")
    throw invalid(
      `FunctionName: ${arn.slice(0, 200)} is not a state machine ARN (arn:aws:states:<region>:<account>:stateMachine:<name>)`,
    );
  const machine = await getStateMachineOrThrow(ctx, parsed.name).catch(() => {
    throw invalid(`State machine ${parsed.name} does not exist`);
  });
  if (machine.type === "STANDARD" && reportBatchItemFailures)
    throw invalid(
      "FunctionResponseTypes: ReportBatchItemFailures needs the target's result, and a Standard state machine's batch only starts an execution (use an Express one)",
    );
  const q = await queueOf(ctx, queueName);
  if (machine.type === "EXPRESS" && q.visibilityTimeoutSec < EXPRESS_MAX_SECONDS)
    throw invalid(
      `Queue visibility timeout: ${q.visibilityTimeoutSec} seconds is less than an Express execution's limit: ${EXPRESS_MAX_SECONDS} seconds`,
    );
  return { functionId: null, stateMachineId: machine.id, qualifier: null };
}

function queueOf(ctx: ServiceContext, queueName: string) {
  return getQueueOrThrow(ctx, queueName).catch(() => {
    throw invalid(
      `Error occurred while ReceiveMessage. SQS Error Code: AWS.SimpleQueueService.NonExistentQueue (queue ${queueName})`,
    );
  });
}
