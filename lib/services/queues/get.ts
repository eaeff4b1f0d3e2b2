import { AppError } from "@/lib/errors";
import type { ServiceContext } from "@/lib/services/context";
import { toQueueRecord, type QueueRecord } from "@/lib/services/queues/record";

/** The queue, or ResourceNotFoundException (SQS's QueueDoesNotExist) naming it. */
export async function getQueueOrThrow(ctx: ServiceContext, name: string): Promise<QueueRecord> {
  const row = await ctx.db.queue.findUnique({ where: { name } });
  if (!row) throw queueNotFound(name);
  return toQueueRecord(row);
}

export const queueNotFound = (name: string) =>
  new AppError("ResourceNotFoundException", `The specified queue does not exist: ${name.slice(0, 80)}`, {
    resource: "queue",
  });
