/**
 * Deletes messages by receipt handle. Only a handle from the message's latest receive deletes it;
 * an older one (the message was received again since) or one of a message already gone changes
 * nothing and is not an error, as on SQS. A standard queue's message is deleted by its latest
 * handle even after its visibility timeout ran out; a FIFO queue refuses such a handle as expired.
 */
import type pg from "pg";
import type { Receipt } from "@/lib/message-queues/receipt";

export type DeleteResult = "deleted" | "stale" | "expired";

export async function deleteMessages(
  pool: pg.Pool,
  q: { id: string; fifo: boolean },
  receipts: Receipt[],
): Promise<DeleteResult[]> {
  if (!receipts.length) return [];
  const { sql, params } = deleteStatement(q, receipts);
  if (!q.fifo) {
    // A standard queue's answer is only which were deleted: one plain statement.
    const { rows } = await pool.query<{ seq: string }>(`${sql} RETURNING m.seq::text`, params);
    const gone = new Set(rows.map((r) => r.seq));
    return receipts.map((r) => (gone.has(r.seq) ? "deleted" : "stale"));
  }
  const { rows } = await pool.query<{ seq: string; state: DeleteResult }>(
    `WITH h AS (SELECT * FROM unnest($2::bigint[], $3::uuid[]) AS h(seq, receipt)),
     gone AS (
       DELETE FROM queue_messages m USING h
        WHERE m.seq = h.seq AND m."queueId" = $1 AND m.receipt = h.receipt AND m."visibleAt" > now()
       RETURNING m.seq)
     SELECT h.seq::text,
            CASE WHEN EXISTS (SELECT 1 FROM gone g WHERE g.seq = h.seq) THEN 'deleted'
                 WHEN EXISTS (SELECT 1 FROM queue_messages m WHERE m.seq = h.seq AND m."queueId" = $1
                                AND m.receipt = h.receipt) THEN 'expired'
                 ELSE 'stale' END AS state
       FROM h`,
    params,
  );
  const bySeq = new Map(rows.map((r) => [r.seq, r.state]));
  return receipts.map((r) => bySeq.get(r.seq) ?? "stale");
}

/**
 * The delete of messages whose receipt is still their latest (and, in a FIFO queue, unexpired) as
 * one statement, for a caller's own transaction: an event source starts an execution with it.
 */
export function deleteStatement(
  q: { id: string; fifo: boolean },
  receipts: Receipt[],
): { sql: string; params: unknown[] } {
  return {
    sql: `DELETE FROM queue_messages m USING unnest($2::bigint[], $3::uuid[]) AS h(seq, receipt)
           WHERE m.seq = h.seq AND m."queueId" = $1 AND m.receipt = h.receipt${q.fifo ? ` AND m."visibleAt" > now()` : ""}`,
    params: [q.id, receipts.map((r) => r.seq), receipts.map((r) => r.token)],
  };
}
