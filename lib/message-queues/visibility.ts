/**
 * ChangeMessageVisibility: the message gets a new timeout, counted from now (0 makes it visible at
 * once). Only its latest receipt handle may change it — also after its timeout ran out, as long as
 * nobody received it since (SQS allows that too); a handle of a message deleted or received again
 * since changes nothing.
 */
import type pg from "pg";
import type { Receipt } from "@/lib/message-queues/receipt";

export async function changeVisibility(
  pool: pg.Pool,
  queueId: string,
  changes: Array<Receipt & { timeoutSec: number }>,
): Promise<boolean[]> {
  if (!changes.length) return [];
  const { rows } = await pool.query<{ seq: string }>(
    `UPDATE queue_messages m SET "visibleAt" = now() + make_interval(secs => h.timeout)
       FROM unnest($2::bigint[], $3::uuid[], $4::int[]) AS h(seq, receipt, timeout)
      WHERE m.seq = h.seq AND m."queueId" = $1 AND m.receipt = h.receipt
      RETURNING m.seq::text`,
    [queueId, changes.map((c) => c.seq), changes.map((c) => c.token), changes.map((c) => c.timeoutSec)],
  );
  const changed = new Set(rows.map((r) => r.seq));
  return changes.map((c) => changed.has(c.seq));
}
