/**
 * Deletes what queues no longer hold: messages past their queue's retention period (receives
 * already skip them), FIFO deduplication ids past their 5 minutes, traffic counts past 7 days. Every server runs it once a
 * minute; two at once only find less to delete.
 */
import type pg from "pg";
import type { Logger } from "@/lib/log";

export async function sweepQueues(pool: pg.Pool): Promise<{ expired: number; dedup: number }> {
  const expired = await pool.query(
    `DELETE FROM queue_messages m USING queues q
      WHERE m."queueId" = q.id AND m."sentAt" <= now() - make_interval(secs => q."retentionSec")`,
  );
  const dedup = await pool.query(`DELETE FROM queue_dedup WHERE "expiresAt" <= now()`);
  await pool.query(`DELETE FROM queue_stats WHERE minute < now() - interval '7 days'`);
  return { expired: expired.rowCount ?? 0, dedup: dedup.rowCount ?? 0 };
}

export class QueueJanitor {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly pool: pg.Pool,
    private readonly log: Logger,
    private readonly everyMs = 60_000,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      sweepQueues(this.pool).catch((err: Error) => this.log.warn(`queue sweep failed: ${err.message}`));
    }, this.everyMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
