/**
 * Counts each queue's messages sent, received and deleted per minute, in memory, and adds them
 * to queue_stats every few seconds (one upsert for everything counted): the console's traffic
 * chart costs no write on the message path. Counts not yet written when a server dies are lost;
 * they are a chart, not the messages.
 */
import type pg from "pg";
import type { Logger } from "@/lib/log";

type Kind = "sent" | "received" | "deleted";
const FLUSH_MS = 5_000;

export class QueueStats {
  private counts = new Map<
    string,
    { queueId: string; minute: number; sent: number; received: number; deleted: number }
  >();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly pool: pg.Pool,
    private readonly log: Logger,
  ) {
    this.timer = setInterval(() => void this.flush(), FLUSH_MS);
    this.timer.unref();
  }

  add(queueId: string, kind: Kind, n: number): void {
    if (n <= 0) return;
    const minute = Math.floor(Date.now() / 60_000) * 60_000;
    const key = `${queueId}:${minute}`;
    let c = this.counts.get(key);
    if (!c) {
      c = { queueId, minute, sent: 0, received: 0, deleted: 0 };
      this.counts.set(key, c);
    }
    c[kind] += n;
  }

  async flush(): Promise<void> {
    if (!this.counts.size) return;
    const rows = [...this.counts.values()];
    this.counts = new Map();
    await this.pool
      .query(
        `INSERT INTO queue_stats ("queueId", minute, sent, received, deleted)
         SELECT q, to_timestamp(m / 1000.0), s, r, d
           FROM unnest($1::uuid[], $2::float8[], $3::int[], $4::int[], $5::int[]) AS x(q, m, s, r, d)
          WHERE EXISTS (SELECT 1 FROM queues WHERE id = x.q)
         ON CONFLICT ("queueId", minute) DO UPDATE SET sent = queue_stats.sent + EXCLUDED.sent,
           received = queue_stats.received + EXCLUDED.received, deleted = queue_stats.deleted + EXCLUDED.deleted`,
        [
          rows.map((r) => r.queueId),
          rows.map((r) => r.minute),
          rows.map((r) => r.sent),
          rows.map((r) => r.received),
          rows.map((r) => r.deleted),
        ],
      )
      .catch((err: Error) => this.log.warn(`queue traffic counts could not be written: ${err.message}`));
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }
}
