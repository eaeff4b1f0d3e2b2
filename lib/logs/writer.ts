/**
 * Batched, off-the-hot-path writes of invocation records and log lines. The invoke path
 * only appends to memory; a timer flushes every ~100 ms with one multi-row INSERT per
 * table (unnest of column arrays). Rows survive a failed flush and are retried; past a
 * bound the oldest are dropped, loudly, rather than letting memory grow without end.
 */
import type pg from "pg";
import type { LogEntry } from "../executor/types";

export interface InvocationRecord {
  requestId: string;
  /** 1 for the first try; async retries reuse the request id with a higher attempt. */
  attempt: number;
  functionId: string;
  functionName: string;
  version: string;
  trigger: string;
  startedAt: number;
  durationMs: number;
  billedDurationMs: number;
  initDurationMs: number | null;
  memorySizeMb: number;
  maxMemoryUsedMb: number;
  outcome: string;
  errorType: string | null;
  errorMessage: string | null;
  requestBytes: number;
  responseBytes: number;
  logBytes: number;
  logTruncated: boolean;
}

const INSERT_INVOCATIONS = `INSERT INTO invocations ("requestId","attempt","functionId","functionName","version","trigger","startedAt","durationMs","billedDurationMs","initDurationMs","memorySizeMb","maxMemoryUsedMb","outcome","errorType","errorMessage","requestBytes","responseBytes","logBytes","logTruncated")
SELECT r, a, f, n, v, t, to_timestamp(s / 1000.0), d, b, i, m, u, o, et, em, rq, rs, lb, lt FROM unnest($1::uuid[],$2::int[],$3::uuid[],$4::text[],$5::text[],$6::text[],$7::float8[],$8::float8[],$9::int[],$10::float8[],$11::int[],$12::int[],$13::text[],$14::text[],$15::text[],$16::int[],$17::int[],$18::int[],$19::bool[]) AS x(r, a, f, n, v, t, s, d, b, i, m, u, o, et, em, rq, rs, lb, lt)
ON CONFLICT ("requestId", "attempt") DO NOTHING`;

const INSERT_LINES = `INSERT INTO log_lines ("requestId","functionId","ts","level","message")
SELECT r, f, to_timestamp(t / 1000.0), l, m FROM unnest($1::uuid[],$2::uuid[],$3::float8[],$4::text[],$5::text[]) AS x(r, f, t, l, m)`;

const MAX_PENDING_ROWS = 500_000;
const CHUNK = 5_000;

export class RecordWriter {
  private invocations: InvocationRecord[] = [];
  private lines: Array<{ requestId: string; functionId: string; line: LogEntry }> = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;
  private closed = false;
  dropped = 0;

  constructor(
    private readonly pool: pg.Pool,
    private readonly flushMs = 100,
    private readonly log: (msg: string) => void = (m) => process.stderr.write(m + "\n"),
  ) {}

  /** Records an invocation and the function's own log lines (START/END/REPORT are derived on read). */
  push(rec: InvocationRecord, lines: readonly LogEntry[]): void {
    this.invocations.push(rec);
    for (const line of lines) this.lines.push({ requestId: rec.requestId, functionId: rec.functionId, line });
    this.schedule();
  }

  get pending(): number {
    return this.invocations.length + this.lines.length;
  }

  private schedule(): void {
    if (this.timer || this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, this.flushMs);
    this.timer.unref();
  }

  /** Writes everything pending now. Concurrent callers share one flush. */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
    if (this.invocations.length === 0 && this.lines.length === 0) return;
    this.flushing = this.doFlush().finally(() => (this.flushing = null));
    await this.flushing;
  }

  private async doFlush(): Promise<void> {
    const invs = this.invocations.splice(0, this.invocations.length);
    const lines = this.lines.splice(0, this.lines.length);
    try {
      for (let i = 0; i < invs.length; i += CHUNK) await this.insertInvocations(invs.slice(i, i + CHUNK));
      for (let i = 0; i < lines.length; i += CHUNK) await this.insertLines(lines.slice(i, i + CHUNK));
    } catch (err) {
      // Put them back (idempotent for invocations; lines may repeat on a partial failure).
      this.invocations.unshift(...invs);
      this.lines.unshift(...lines);
      const over = this.pending - MAX_PENDING_ROWS;
      if (over > 0) {
        this.lines.splice(0, Math.min(over, this.lines.length));
        this.dropped += over;
        this.log(`[records] dropped ${over} pending rows: the database has been failing (${(err as Error).message})`);
      } else {
        this.log(`[records] flush failed, will retry: ${(err as Error).message}`);
      }
      if (!this.closed) setTimeout(() => this.schedule(), 1000).unref();
      throw err;
    }
  }

  private async insertInvocations(rows: InvocationRecord[]): Promise<void> {
    const col = <K extends keyof InvocationRecord>(k: K) => rows.map((r) => r[k]);
    await this.pool.query(INSERT_INVOCATIONS, [
      col("requestId"), col("attempt"), col("functionId"), col("functionName"), col("version"), col("trigger"),
      col("startedAt"), col("durationMs"), col("billedDurationMs"), col("initDurationMs"),
      col("memorySizeMb"), col("maxMemoryUsedMb"), col("outcome"), col("errorType"), col("errorMessage"),
      col("requestBytes"), col("responseBytes"), col("logBytes"), col("logTruncated"),
    ]);
  }

  private async insertLines(rows: Array<{ requestId: string; functionId: string; line: LogEntry }>): Promise<void> {
    await this.pool.query(INSERT_LINES, [
      rows.map((r) => r.requestId),
      rows.map((r) => r.functionId),
      rows.map((r) => r.line.ts),
      rows.map((r) => r.line.level),
      // PostgreSQL text cannot hold NUL bytes.
      rows.map((r) => (r.line.message.includes("\u0000") ? r.line.message.replaceAll("\u0000", "\uFFFD") : r.line.message)),
    ]);
  }

  /** Final flush at shutdown. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.flush().catch((err) => this.log(`[records] final flush failed: ${(err as Error).message}`));
  }
}
