/**
 * Creates a queue. As on SQS, creating one that exists with the same settings returns it, and
 * with different settings is QueueNameExists (a conflict).
 */
import { randomUUID } from "node:crypto";
import { conflict, invalid } from "@/lib/errors";
import type { ServiceContext } from "@/lib/services/context";
import { isUniqueViolation } from "@/lib/services/functions/store-code";
import { recordAudit } from "@/lib/services/audit/record";
import { parseInput } from "@/lib/services/validate";
import { checkDeadLetterQueue } from "@/lib/services/queues/redrive";
import { settingsColumns, toQueueRecord, type QueueRecord } from "@/lib/services/queues/record";
import { createQueueInput, type CreateQueueInput, type QueueLimits } from "@/lib/services/queues/schemas";

export async function createQueue(
  ctx: ServiceContext,
  limits: QueueLimits,
  input: CreateQueueInput,
): Promise<QueueRecord> {
  const data = parseInput(createQueueInput(limits), input);
  if (data.name.endsWith(".fifo") !== data.fifo)
    throw invalid(
      data.fifo
        ? "The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length"
        : "A queue whose name ends in .fifo must be created with FifoQueue true",
    );
  if (data.contentBasedDedup && !data.fifo) throw invalid("ContentBasedDeduplication is for FIFO queues only");
  if (data.redrive) await checkDeadLetterQueue(ctx, data.name, data.fifo, data.redrive.deadLetterQueue);
  const { name, fifo, tags, ...settings } = data;
  const columns = settingsColumns(settings);
  try {
    const row = await ctx.db.$transaction(async (tx) => {
      const created = await tx.queue.create({ data: { id: randomUUID(), name, fifo, tags, ...columns } });
      await recordAudit(tx, ctx, "queue.create", name, { fifo, ...columns });
      return created;
    });
    ctx.queuesChanged?.(name);
    return toQueueRecord(row);
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    const existing = await ctx.db.queue.findUnique({ where: { name } });
    if (!existing) throw err;
    const same =
      existing.fifo === fifo &&
      Object.entries(columns).every(([k, v]) => (existing as Record<string, unknown>)[k] === v);
    if (same) return toQueueRecord(existing);
    throw conflict(`A queue already exists with the same name and a different value for attribute(s)`);
  }
}
