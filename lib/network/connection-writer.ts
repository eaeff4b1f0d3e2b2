/**
 * Writes the outbound connections of invocations (invocation_connections), off the invoke path:
 * the supervisor hands each invocation's rows over (`push`, memory only), a timer writes them in
 * one INSERT … SELECT FROM unnest(…) per flush. The database down: rows wait (bounded — past
 * the bound the oldest are dropped and counted, with one log line), and are retried.
 */
import type pg from "pg";
import type { ConnectionRecord } from "@/lib/executor/types";
import type { Logger } from "@/lib/log";

interface Row extends ConnectionRecord {
  requestId: string;
  functionId: string;
}

const MAX_PENDING = 100_000;
const CHUNK = 5_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const INSERT = `INSERT INTO invocation_connections
  ("requestId","functionId","ts","host","address","port","protocol","bytesOut","bytesIn","durationMs","allowed","reason")
SELECT r, f, to_timestamp(t / 1000.0), h, a, p, pr, bo, bi, d, al, re
FROM unnest($1::uuid[],$2::uuid[],$3::float8[],$4::text[],$5::text[],$6::int[],$7::text[],$8::int8[],$9::int8[],
  $10::float8[],$11::bool[],$12::text[]) AS x(r, f, t, h, a, p, pr, bo, bi, d, al, re)`;

export class ConnectionWriter {
  private pending: Row[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;
  private dropped = 0;
  private failing = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly log: Logger,
    private readonly flushMs = 200,
  ) {}

  /** An invocation's connections (request ids that are not UUIDs cannot be stored and are skipped). */
  push(functionId: string, requestId: string, rows: readonly ConnectionRecord[]): void {
    if (!UUID.test(functionId) || !UUID.test(requestId)) return;
    for (const r of rows) this.pending.push({ ...r, functionId, requestId });
    const over = this.pending.length - MAX_PENDING;
    if (over > 0) {
      this.pending.splice(0, over);
      if (this.dropped === 0) this.log.warn(`connection records are not being written; dropping the oldest`);
      this.dropped += over;
    }
  }

  get size(): number {
    return this.pending.length;
  }

  start(): void {
    this.timer ??= setInterval(() => void this.flush(), this.flushMs);
    this.timer.unref();
  }

  /** Writes what is pending (one flush at a time). */
  flush(): Promise<void> {
    this.flushing ??= this.write().finally(() => (this.flushing = null));
    return this.flushing;
  }

  private async write(): Promise<void> {
    while (this.pending.length) {
      const batch = this.pending.slice(0, CHUNK);
      try {
        await this.pool.query(INSERT, columns(batch));
      } catch (err) {
        if (!this.failing) this.log.warn(`could not write connection records: ${(err as Error).message}`);
        this.failing = true;
        return; // kept; the next flush tries again
      }
      this.pending.splice(0, batch.length);
      if (this.failing) this.log.info("connection records are being written again");
      this.failing = false;
    }
  }

  /** Stops the timer and writes what is left; returns how many rows could not be written. */
  async close(): Promise<number> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.flush();
    return this.pending.length + this.dropped;
  }
}

function columns(rows: Row[]): unknown[] {
  const col = <K extends keyof Row>(k: K) => rows.map((r) => r[k]);
  return [
    col("requestId"),
    col("functionId"),
    col("ts"),
    col("host"),
    col("address"),
    col("port"),
    col("protocol"),
    col("bytesOut"),
    col("bytesIn"),
    col("durationMs"),
    col("allowed"),
    col("reason"),
  ];
}
