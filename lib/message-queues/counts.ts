/** A queue's approximate numbers (GetQueueAttributes' Approximate*, the console's Queues page). */
import type pg from "pg";

export interface QueueCounts {
  /** Visible: ready to be received. */
  visible: number;
  /** Received and not yet deleted or visible again. */
  inFlight: number;
  /** Sent with a delay that has not passed. */
  delayed: number;
  /** Age of the oldest message, seconds (0 when empty). */
  oldestAgeSec: number;
}

export async function queueCounts(pool: pg.Pool, queueIds: string[]): Promise<Map<string, QueueCounts>> {
  const { rows } = await pool.query<{
    queueId: string;
    visible: number;
    inFlight: number;
    delayed: number;
    oldestAgeSec: number;
  }>(
    `SELECT "queueId",
            count(*) FILTER (WHERE "visibleAt" <= now())::int AS visible,
            count(*) FILTER (WHERE "visibleAt" > now() AND receipt IS NOT NULL)::int AS "inFlight",
            count(*) FILTER (WHERE "visibleAt" > now() AND receipt IS NULL)::int AS delayed,
            coalesce(floor(extract(epoch FROM now() - min("sentAt"))), 0)::int AS "oldestAgeSec"
       FROM queue_messages WHERE "queueId" = ANY($1::uuid[]) GROUP BY "queueId"`,
    [queueIds],
  );
  const out = new Map<string, QueueCounts>();
  for (const id of queueIds) out.set(id, { visible: 0, inFlight: 0, delayed: 0, oldestAgeSec: 0 });
  for (const r of rows) out.set(r.queueId, r);
  return out;
}
