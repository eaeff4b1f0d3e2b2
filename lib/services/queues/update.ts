/** SetQueueAttributes: new settings for a queue (its kind, standard or FIFO, never changes). */
import { invalid } from "@/lib/errors";
import type { ServiceContext } from "@/lib/services/context";
import { recordAudit } from "@/lib/services/audit/record";
import { parseInput } from "@/lib/services/validate";
import { getQueueOrThrow } from "@/lib/services/queues/get";
import { checkDeadLetterQueue } from "@/lib/services/queues/redrive";
import { settingsColumns, toQueueRecord, type QueueRecord } from "@/lib/services/queues/record";
import { queueSettings, type QueueLimits, type QueueSettings } from "@/lib/services/queues/schemas";

export async function updateQueue(
  ctx: ServiceContext,
  limits: QueueLimits,
  name: string,
  input: QueueSettings,
): Promise<QueueRecord> {
  const data = parseInput(queueSettings(limits), input);
  const queue = await getQueueOrThrow(ctx, name);
  if (data.contentBasedDedup && !queue.fifo) throw invalid("ContentBasedDeduplication is for FIFO queues only");
  if (data.redrive) await checkDeadLetterQueue(ctx, name, queue.fifo, data.redrive.deadLetterQueue);
  const columns = settingsColumns(data);
  const row = await ctx.db.$transaction(async (tx) => {
    const updated = await tx.queue.update({ where: { id: queue.id }, data: { ...columns, updatedAt: new Date() } });
    await recordAudit(tx, ctx, "queue.update", name, columns);
    return updated;
  });
  ctx.queuesChanged?.(name);
  return toQueueRecord(row);
}
