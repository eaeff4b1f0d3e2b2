/**
 * Starts an execution (StartExecution). A Standard one is stored with its first snapshot and
 * ExecutionStarted event and a NOTIFY in one statement; a runner (lib/workflows/engine/runner.ts)
 * on this server or another claims it at once. Starting one with a name that exists is idempotent
 * while it runs with the same input, and ExecutionAlreadyExists otherwise, as on Step Functions.
 * An Express machine runs in memory in the background (lib/services/executions/start-sync.ts).
 */
import { randomUUID } from "node:crypto";
import { AppError } from "@/lib/errors";
import type { ServiceContext } from "@/lib/services/context";
import { parseInput } from "@/lib/services/validate";
import { getStateMachineOrThrow } from "@/lib/services/state-machines/record";
import { startExecutionInput, type StartExecutionInput } from "@/lib/services/state-machines/schemas";
import { getExecutionOrThrow } from "@/lib/services/executions/record";
import { beginExpress } from "@/lib/services/executions/start-sync";
import { insertExecution } from "@/lib/services/executions/insert";
import { executionArn, stateMachineArn } from "@/lib/workflows/arn";
import { standardExecution } from "@/lib/workflows/engine/start";
import { traceIdFrom } from "@/lib/workflows/trace-id";

export async function startExecution(
  ctx: ServiceContext,
  machineName: string,
  input: StartExecutionInput,
): Promise<{ arn: string; startedAt: Date }> {
  const data = parseInput(startExecutionInput, input);
  const machine = await getStateMachineOrThrow(ctx, machineName);
  const value = parseExecutionInput(data.input);
  const name = data.name ?? randomUUID();
  if (machine.type === "EXPRESS") {
    const run = beginExpress(ctx, machine, name, value, data.input, data.traceHeader);
    void run.result.catch(() => {}); // recorded when it ends; StartExecution does not wait for it
    return { arn: run.arn, startedAt: run.startedAt };
  }
  const startedAt = new Date();
  const { row, events } = standardExecution({
    id: randomUUID(),
    name,
    machine,
    machineArn: stateMachineArn(ctx.settings.NIMBUS_REGION, ctx.settings.NIMBUS_ACCOUNT_ID, machine.name),
    inputText: data.input,
    input: value,
    traceId: traceIdFrom(data.traceHeader, startedAt),
    startedAt,
  });
  // One statement (StartExecution's hot path): the row, its first event, and the runners' wake-up.
  const inserted = await insertExecution(ctx, row, events);
  if (!inserted) {
    const existing = await getExecutionOrThrow(ctx, machine.name, name);
    if (existing.status === "RUNNING" && existing.input === data.input)
      return { arn: existing.arn, startedAt: existing.startedAt };
    throw new AppError("ResourceConflictException", `Execution Already Exists: '${existing.arn}'`, {
      sfnCode: "ExecutionAlreadyExists",
    });
  }
  return {
    arn: executionArn(ctx.settings.NIMBUS_REGION, ctx.settings.NIMBUS_ACCOUNT_ID, machine.name, name),
    startedAt,
  };
}

export function parseExecutionInput(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new AppError(
      "InvalidParameterValueException",
      `Invalid State Machine Execution Input: '${(err as Error).message}'`,
      {
        sfnCode: "InvalidExecutionInput",
      },
    );
  }
}
