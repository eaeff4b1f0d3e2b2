/**
 * Moves messages out of a dead-letter queue: each back to the queue it was dead-lettered from
 * (its sourceQueue), or all to one destination; one message by id, or all. A moved message is
 * visible at once with a fresh receive count, as after SQS's redrive, and its new queue's waiters
 * are woken. Messages with no source (sent to the dead-letter queue directly) stay unless a
 * destination is given.
 */
import type pg from "pg";
import { QUEUE_CHANNEL } from "@/lib/message-queues/wakeups";

export async function moveMessages(
  pool: pg.Pool,
  fromQueueId: string,
  o: { toQueueId?: string; messageId?: string } = {},
): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(
    `WITH moved AS (
       UPDATE queue_messages m
          SET "queueId" = coalesce($2::uuid, src.id), "receiveCount" = 0, "firstReceivedAt" = NULL, receipt = NULL,
              "visibleAt" = now(), "sourceQueue" = NULL
         FROM queue_messages x LEFT JOIN queues src ON src.name = x."sourceQueue"
        WHERE m.seq = x.seq AND x."queueId" = $1 AND ($3::uuid IS NULL OR x."messageId" = $3::uuid)
          AND ($2::uuid IS NOT NULL OR src.id IS NOT NULL)
       RETURNING m."queueId"),
     woken AS (SELECT pg_notify('${QUEUE_CHANNEL}', q::text) FROM (SELECT DISTINCT "queueId" AS q FROM moved) d)
     SELECT (SELECT count(*) FROM moved)::int AS n, (SELECT count(*) FROM woken) AS w`,
    [fromQueueId, o.toQueueId ?? null, o.messageId ?? null],
  );
  return rows[0]?.n ?? 0;
}
