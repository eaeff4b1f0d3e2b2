/**
 * What a mapping invokes and reads, checked as Lambda checks them: the function (and qualifier)
 * must exist, the queue too, and the queue's visibility timeout must cover the function's timeout
 * (else a batch still running would be handed out again).
 */
import { invalid } from "@/lib/errors";
import { parseFunctionRef } from "@/lib/function-ref";
import type { ServiceContext } from "@/lib/services/context";
import { getFunctionOrThrow } from "@/lib/services/functions/get";
import { getQueueOrThrow } from "@/lib/services/queues/get";

export async function checkTarget(
  ctx: ServiceContext,
  functionRef: string,
  queueName: string,
): Promise<{ functionId: string; qualifier: string | null }> {
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
  const q = await getQueueOrThrow(ctx, queueName).catch(() => {
    throw invalid(
      `Error occurred while ReceiveMessage. SQS Error Code: AWS.SimpleQueueService.NonExistentQueue (queue ${queueName})`,
    );
  });
  if (q.visibilityTimeoutSec < timeoutSec)
    throw invalid(
      `Queue visibility timeout: ${q.visibilityTimeoutSec} seconds is less than Function timeout: ${timeoutSec} seconds`,
    );
  return { functionId: fn.id, qualifier: ref.qualifier === "$LATEST" ? null : ref.qualifier };
}
