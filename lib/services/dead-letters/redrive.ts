import type { ServiceContext } from "@/lib/services/context";
import { recordAudit } from "@/lib/services/audit/record";

/**
 * Redrives a dead letter through the queue, then records who did it. The queue marks the row
 * and enqueues the job in its own statements, so the entry follows the committed redrive
 * rather than sharing its transaction.
 */
export async function redriveDeadLetter(
  ctx: ServiceContext,
  queue: { redrive(id: string): Promise<string> },
  id: string,
): Promise<string> {
  const requestId = await queue.redrive(id);
  const row = await ctx.db.deadLetter.findUnique({ where: { id }, select: { functionName: true } });
  await ctx.db.$transaction(async (tx) =>
    recordAudit(tx, ctx, "dead-letter.redrive", row?.functionName ?? id, { deadLetterId: id, requestId }),
  );
  return requestId;
}
