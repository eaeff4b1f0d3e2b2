/**
 * Receives messages: claims up to `max` visible ones in one statement — each becomes invisible for
 * the visibility timeout and gets a new receipt token — so no two receivers get the same message
 * within one visibility window, whichever server they ask. Messages past the queue's retention are
 * skipped (and swept later); with a RedrivePolicy, a message already received maxReceiveCount times
 * moves to the dead-letter queue instead of being delivered again (its receive count goes with it, as
 * on SQS). A FIFO queue is received under
 * a per-queue transaction lock: a message group with a message in flight gives none, and the others
 * give theirs in order. With a wait, an empty queue is waited on (wakeups.ts), not polled.
 */
import type pg from "pg";
import { withTransaction } from "@/lib/db/transaction";
import { encodeReceipt } from "@/lib/message-queues/receipt";
import { sequenceNumber } from "@/lib/message-queues/send";
import type { QueueRef, ReceivedMessage } from "@/lib/message-queues/types";
import type { QueueWakeups } from "@/lib/message-queues/wakeups";

export interface ReceiveOptions {
  max: number;
  visibilityTimeoutSec?: number;
  waitSec: number;
  /** The caller went away: stop waiting, claim nothing more. */
  gone?: () => boolean;
}

interface Row {
  seq: string;
  messageId: string;
  receipt: string;
  body: string;
  md5OfBody: string;
  attributes: Record<string, unknown> | null;
  md5OfAttributes: string | null;
  sentAt: Date;
  firstReceivedAt: Date;
  receiveCount: number;
  groupId: string | null;
  dedupId: string | null;
  sourceQueue: string | null;
}

/** The dead-letter move: visible messages received maxReceiveCount times already go to the DLQ first. */
const MOVE = `moved AS (
  UPDATE queue_messages d SET "queueId" = $6, receipt = NULL, "visibleAt" = now(), "sourceQueue" = $7
   WHERE d.seq IN (SELECT seq FROM queue_messages
                    WHERE "queueId" = $1 AND "visibleAt" <= now() AND "receiveCount" >= $5
                    FOR UPDATE SKIP LOCKED LIMIT 100)
   RETURNING 1)`;

const RETURNING = `RETURNING m.seq::text, m."messageId", m.receipt, m.body, m."md5OfBody", m.attributes, m."md5OfAttributes",
  m."sentAt", m."firstReceivedAt", m."receiveCount", m."groupId", m."dedupId", m."sourceQueue"`;

function claimSql(fifo: boolean, redrive: boolean): string {
  const eligible = `"queueId" = $1 AND "visibleAt" <= now() AND "sentAt" > now() - make_interval(secs => $4)
    ${redrive ? `AND "receiveCount" < $5` : ""}`;
  const pick = fifo
    ? `picked AS (SELECT seq FROM queue_messages c
         WHERE ${eligible}
           AND NOT EXISTS (SELECT 1 FROM queue_messages b WHERE b."queueId" = $1 AND b."groupId" = c."groupId"
                             AND b.receipt IS NOT NULL AND b."visibleAt" > now())
         ORDER BY seq LIMIT $2)`
    : `picked AS (SELECT seq FROM queue_messages WHERE ${eligible} ORDER BY "visibleAt" LIMIT $2 FOR UPDATE SKIP LOCKED)`;
  return `WITH ${redrive ? `${MOVE},` : ""} ${pick}
    UPDATE queue_messages m SET "visibleAt" = now() + make_interval(secs => $3), "receiveCount" = m."receiveCount" + 1,
           "firstReceivedAt" = COALESCE(m."firstReceivedAt", now()), receipt = gen_random_uuid()
      FROM picked WHERE m.seq = picked.seq ${RETURNING}`;
}

async function claim(pool: pg.Pool, q: QueueRef, max: number, visibilitySec: number): Promise<Row[]> {
  const params: unknown[] = [q.id, max, visibilitySec, q.retentionSec];
  if (q.redrive) params.push(q.redrive.maxReceiveCount, q.redrive.queueId, q.name);
  const sql = claimSql(q.fifo, q.redrive !== null);
  if (!q.fifo) return (await pool.query<Row>(sql, params)).rows;
  const rows = await withTransaction(pool, async (client) => {
    await client.query(`SELECT pg_advisory_xact_lock(hashtextextended($1::text, 0))`, [q.id]);
    return (await client.query<Row>(sql, params)).rows;
  });
  return rows.sort((a, b) => (BigInt(a.seq) < BigInt(b.seq) ? -1 : 1));
}

/** Milliseconds until the queue's next invisible message becomes visible, or null when none is. */
async function msUntilNextVisible(pool: pg.Pool, queueId: string): Promise<number | null> {
  const { rows } = await pool.query<{ ms: number | null }>(
    `SELECT ceil(extract(epoch FROM min("visibleAt") - now()) * 1000)::int AS ms
       FROM queue_messages WHERE "queueId" = $1 AND "visibleAt" > now()`,
    [queueId],
  );
  return rows[0]?.ms ?? null;
}

export async function receiveMessages(
  pool: pg.Pool,
  wakeups: QueueWakeups,
  q: QueueRef,
  opts: ReceiveOptions,
): Promise<ReceivedMessage[]> {
  const deadline = Date.now() + opts.waitSec * 1000;
  const visibility = opts.visibilityTimeoutSec ?? q.visibilityTimeoutSec;
  for (;;) {
    if (opts.gone?.()) return [];
    const rows = await claim(pool, q, opts.max, visibility);
    const left = deadline - Date.now();
    if (rows.length || left <= 0) return rows.map(toReceived);
    const next = await msUntilNextVisible(pool, q.id);
    await wakeups.wait(q.id, Math.min(left, next ?? left));
  }
}

function toReceived(r: Row): ReceivedMessage {
  return {
    messageId: r.messageId,
    receiptHandle: encodeReceipt(r.seq, r.receipt),
    body: r.body,
    md5OfBody: r.md5OfBody,
    attributes: r.attributes,
    md5OfAttributes: r.md5OfAttributes,
    sentAt: r.sentAt,
    firstReceivedAt: r.firstReceivedAt,
    receiveCount: r.receiveCount,
    groupId: r.groupId,
    dedupId: r.dedupId,
    sequenceNumber: sequenceNumber(r.seq),
    sourceQueue: r.sourceQueue,
  };
}
