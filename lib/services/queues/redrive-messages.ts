/**
 * Redrives a dead-letter queue's messages (one, or all): back to the queues they came from, or to
 * a destination queue. Recorded as a move task (ListMessageMoveTasks shows it) and in the audit log.
 */
import { randomUUID } from "node:crypto";
import { invalid } from "@/lib/errors";
import { moveMessages } from "@/lib/message-queues/move";
import type { ServiceContext } from "@/lib/services/context";
import { recordAudit } from "@/lib/services/audit/record";
import { getQueueOrThrow } from "@/lib/services/queues/get";
import { queueRuntime } from "@/lib/services/queues/runtime";

export interface MoveTaskRecord {
  id: string;
  sourceQueue: string;
  destinationQueue: string | null;
  status: string;
  moved: number;
  toMove: number;
  failureReason: string | null;
  startedAt: Date;
}

export async function redriveMessages(
  ctx: ServiceContext,
  deadLetterQueue: string,
  o: { destination?: string; messageId?: string } = {},
): Promise<MoveTaskRecord> {
  const dlq = await getQueueOrThrow(ctx, deadLetterQueue);
  const sources = await ctx.db.queue.count({ where: { deadLetterQueue } });
  if (!sources && !o.destination) throw invalid("Source queue must be configured as a Dead Letter Queue.");
  const dest = o.destination ? await getQueueOrThrow(ctx, o.destination) : null;
  if (o.messageId !== undefined && !/^[0-9a-f-]{36}$/i.test(o.messageId))
    throw invalid("messageId must be a message's id");
  const { pool } = queueRuntime(ctx);
  const toMove = (
    await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM queue_messages WHERE "queueId" = $1`, [dlq.id])
  ).rows[0]!.n;
  const moved = await moveMessages(pool, dlq.id, { toQueueId: dest?.id, messageId: o.messageId });
  const task = await ctx.db.$transaction(async (tx) => {
    const row = await tx.queueMoveTask.create({
      data: {
        id: randomUUID(),
        sourceQueue: dlq.name,
        destinationQueue: dest?.name ?? null,
        status: "COMPLETED",
        moved,
        toMove: o.messageId ? Math.min(1, toMove) : toMove,
      },
    });
    await recordAudit(tx, ctx, "queue.redrive", dlq.name, {
      moved,
      ...(dest ? { destination: dest.name } : {}),
      ...(o.messageId ? { messageId: o.messageId } : {}),
    });
    return row;
  });
  return task;
}

export async function listMoveTasks(ctx: ServiceContext, sourceQueue: string, limit = 1): Promise<MoveTaskRecord[]> {
  return ctx.db.queueMoveTask.findMany({ where: { sourceQueue }, orderBy: { startedAt: "desc" }, take: limit });
}
