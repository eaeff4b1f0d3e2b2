/**
 * Puts checked messages (message-rules.ts) into a queue. A standard queue's batch is one
 * statement; a FIFO queue's is one transaction that de-duplicates each message against the
 * deduplication ids of the last 5 minutes (a duplicate answers with the first message's id and
 * is not queued again). Either way the queue's waiters are woken at commit (wakeups.ts).
 */
import { createHash, randomUUID } from "node:crypto";
import type pg from "pg";
import { withTransaction } from "@/lib/db/transaction";
import { md5Hex, md5OfAttributes } from "@/lib/message-queues/attributes";
import type { OutgoingMessage } from "@/lib/message-queues/message-rules";
import type { QueueRef } from "@/lib/message-queues/types";
import { QUEUE_CHANNEL } from "@/lib/message-queues/wakeups";

export interface SentMessage {
  messageId: string;
  md5OfBody: string;
  md5OfAttributes: string | null;
  /** FIFO queues: the message's place in its queue (20 digits, as SQS writes them). */
  sequenceNumber?: string;
}

const DEDUP_WINDOW = "5 minutes";
export const sequenceNumber = (seq: string) => seq.padStart(20, "0");

function prepared(m: OutgoingMessage) {
  const attrs = m.attributes && Object.keys(m.attributes).length ? m.attributes : null;
  return {
    id: randomUUID(),
    body: m.body,
    attrs,
    md5: md5Hex(m.body),
    md5a: attrs ? md5OfAttributes(attrs) : null,
  };
}

export async function sendMessages(pool: pg.Pool, q: QueueRef, messages: OutgoingMessage[]): Promise<SentMessage[]> {
  return q.fifo ? sendFifo(pool, q, messages) : sendStandard(pool, q, messages);
}

async function sendStandard(pool: pg.Pool, q: QueueRef, messages: OutgoingMessage[]): Promise<SentMessage[]> {
  const rows = messages.map(prepared);
  await pool.query(
    `WITH ins AS (
       INSERT INTO queue_messages ("queueId", "messageId", body, attributes, "md5OfBody", "md5OfAttributes", "visibleAt")
       SELECT $1, m.id, m.body, m.attrs, m.md5, m.md5a, now() + make_interval(secs => m.delay)
         FROM unnest($2::uuid[], $3::text[], $4::jsonb[], $5::text[], $6::text[], $7::int[])
              AS m(id, body, attrs, md5, md5a, delay)
       RETURNING 1)
     SELECT pg_notify('${QUEUE_CHANNEL}', $1::text) FROM (SELECT count(*) FROM ins) c`,
    [
      q.id,
      rows.map((r) => r.id),
      rows.map((r) => r.body),
      rows.map((r) => (r.attrs ? JSON.stringify(r.attrs) : null)),
      rows.map((r) => r.md5),
      rows.map((r) => r.md5a),
      messages.map((m) => m.delaySec ?? q.delaySec),
    ],
  );
  return rows.map((r) => ({ messageId: r.id, md5OfBody: r.md5, md5OfAttributes: r.md5a }));
}

function sendFifo(pool: pg.Pool, q: QueueRef, messages: OutgoingMessage[]): Promise<SentMessage[]> {
  return withTransaction(pool, async (client) => {
    const out: SentMessage[] = [];
    for (const m of messages) {
      const r = prepared(m);
      const dedupId = m.dedupId ?? createHash("sha256").update(m.body, "utf8").digest("hex");
      // Claim the deduplication id (or find it claimed within the window: the message is a duplicate).
      const claim = await client.query(
        `INSERT INTO queue_dedup ("queueId", "dedupId", "messageId", seq, "expiresAt")
         VALUES ($1, $2, $3, 0, now() + interval '${DEDUP_WINDOW}')
         ON CONFLICT ("queueId", "dedupId") DO UPDATE
           SET "messageId" = EXCLUDED."messageId", seq = 0, "expiresAt" = EXCLUDED."expiresAt"
           WHERE queue_dedup."expiresAt" <= now()
         RETURNING 1`,
        [q.id, dedupId, r.id],
      );
      if (!claim.rowCount) {
        const first = await client.query<{ messageId: string; seq: string }>(
          `SELECT "messageId", seq::text FROM queue_dedup WHERE "queueId" = $1 AND "dedupId" = $2`,
          [q.id, dedupId],
        );
        const f = first.rows[0]!;
        out.push({
          messageId: f.messageId,
          md5OfBody: r.md5,
          md5OfAttributes: r.md5a,
          sequenceNumber: sequenceNumber(f.seq),
        });
        continue;
      }
      const ins = await client.query<{ seq: string }>(
        `INSERT INTO queue_messages ("queueId", "messageId", body, attributes, "md5OfBody", "md5OfAttributes",
                                     "visibleAt", "groupId", "dedupId")
         VALUES ($1, $2, $3, $4, $5, $6, now() + make_interval(secs => $7), $8, $9) RETURNING seq::text`,
        [q.id, r.id, r.body, r.attrs ? JSON.stringify(r.attrs) : null, r.md5, r.md5a, q.delaySec, m.groupId, dedupId],
      );
      const seq = ins.rows[0]!.seq;
      await client.query(`UPDATE queue_dedup SET seq = $3 WHERE "queueId" = $1 AND "dedupId" = $2`, [
        q.id,
        dedupId,
        seq,
      ]);
      out.push({ messageId: r.id, md5OfBody: r.md5, md5OfAttributes: r.md5a, sequenceNumber: sequenceNumber(seq) });
    }
    await client.query(`SELECT pg_notify('${QUEUE_CHANNEL}', $1::text)`, [q.id]);
    return out;
  });
}
