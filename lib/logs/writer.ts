/**
 * Batched, off-the-hot-path writes of invocation records and log lines. The invoke path
 * only appends to memory; a timer flushes every ~100 ms with one multi-row INSERT per
 * table (unnest of column arrays).
 *
 * What can go wrong, and what happens:
 *  - a row PostgreSQL refuses for its content: text is cleaned before it is written (NUL), and
 *    a row refused anyway is isolated (the batch is split) and quarantined on disk, logged once;
 *    every other row is written.
 *  - the database is down: rows stay in memory and the flush is retried (one log line when
 *    writes start failing, one when they recover); past a memory bound the oldest go to disk
 *    (`RecordSpill`), and come back once the database takes writes again — also after a restart.
 *  - shutdown with the database down: `close()` saves what is pending to disk and reports it.
 */
import type pg from "pg";
import type { LogEntry } from "@/lib/executor/types";
import { insertIsolating } from "@/lib/db/isolating-insert";
import { insertInvocations, insertLines, type InvocationRecord, type LineRow } from "@/lib/logs/record-rows";
import type { RecordSpill } from "@/lib/logs/spill";

export type { InvocationRecord } from "@/lib/logs/record-rows";
import { createLogger, type Logger } from "@/lib/log";

/** A row as the spill file keeps it. */
type Spilled = { i: InvocationRecord } | { l: LineRow };

const MAX_PENDING_ROWS = 500_000;
const CHUNK = 5_000;
const RETRY_MS = 1_000;
const FAILING_REPORT_MS = 30_000;

export interface RecordWriterOptions {
  flushMs?: number;
  /** Default: the process log, as `records`. */
  log?: Logger;
  /** Where rows go that memory cannot hold while the database is down; null: they are dropped (counted). */
  spill?: RecordSpill | null;
  /** Told of each batch of records once written (the OTLP export, lib/traces/otlp.ts). */
  written?: (records: InvocationRecord[]) => void;
}

export interface CloseReport {
  /** Rows saved to disk for the next start, and where. */
  spilled: number;
  spillFile: string | null;
  /** Rows neither written nor saved. */
  lost: number;
  error: string | null;
}

export class RecordWriter {
  private invocations: InvocationRecord[] = [];
  private lines: LineRow[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;
  private replaying: Promise<void> | null = null;
  private closed = false;
  private failingSince: number | null = null;
  private lastFailReport = 0;
  private readonly flushMs: number;
  private readonly log: Logger;
  private readonly spill: RecordSpill | null;
  private readonly written: ((records: InvocationRecord[]) => void) | undefined;
  /** Rows lost for good: neither written nor saved to disk. */
  dropped = 0;
  /** Rows refused by PostgreSQL for their content (kept in the quarantine file when possible). */
  quarantined = 0;

  constructor(
    private readonly pool: pg.Pool,
    opts: RecordWriterOptions = {},
  ) {
    this.flushMs = opts.flushMs ?? 100;
    this.log = opts.log ?? createLogger("records");
    this.spill = opts.spill ?? null;
    this.written = opts.written;
  }

  /** Records an invocation and the function's own log lines (START/END/REPORT are derived on read). */
  push(rec: InvocationRecord, lines: readonly LogEntry[]): void {
    this.invocations.push(rec);
    for (const line of lines) this.lines.push({ requestId: rec.requestId, functionId: rec.functionId, line });
    this.schedule();
  }

  get pending(): number {
    return this.invocations.length + this.lines.length;
  }

  /** True while the last flush failed for a reason other than a row's content (the database is unreachable). */
  get failing(): boolean {
    return this.failingSince !== null;
  }

  /** Whether this invocation's record is still waiting in memory. */
  holds(requestId: string, attempt: number): boolean {
    return this.invocations.some((r) => r.requestId === requestId && r.attempt === attempt);
  }

  /** Feeds rows an earlier run saved to disk back to the database (in the background). */
  start(): void {
    if (this.spill?.hasPending()) this.replay();
  }

  private schedule(delayMs = this.failingSince === null ? this.flushMs : RETRY_MS): void {
    if (this.timer || this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush().catch(() => {}); // reported by doFlush; retried by its timer
    }, delayMs);
    this.timer.unref();
  }

  /** Writes everything pending now; throws when the database cannot be written. Concurrent callers share one flush. */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
    if (this.pending === 0) return;
    this.flushing = this.doFlush().finally(() => (this.flushing = null));
    await this.flushing;
  }

  /** Writes the first `count` rows of `buffer` in chunks, taking each chunk out (then `done`) once it is written. */
  private async writeFirst<T extends InvocationRecord | LineRow>(
    buffer: T[],
    count: number,
    kind: string,
    insert: (rows: T[]) => Promise<void>,
    done?: (rows: T[]) => void,
  ): Promise<void> {
    while (count > 0) {
      const chunk = buffer.slice(0, Math.min(CHUNK, count));
      await insertIsolating(chunk, insert, (row, err) => this.refused(kind, row, err));
      buffer.splice(0, chunk.length);
      count -= chunk.length;
      done?.(chunk);
    }
  }

  private async doFlush(): Promise<void> {
    try {
      // Rows leave the buffer only once written, so a failure part-way never writes a row twice. Only
      // the rows here when the flush began are written: those pushed meanwhile wait for the next tick,
      // so that under load every flush is one big INSERT, not a trickle of small ones.
      const invocations = this.invocations.length;
      // Lines first: whoever reads a record (the log view builds START/END/REPORT from it) finds its lines.
      await this.writeFirst(this.lines, this.lines.length, "log line", (rows) => insertLines(this.pool, rows));
      const insert = (rows: InvocationRecord[]) => insertInvocations(this.pool, rows);
      await this.writeFirst(this.invocations, invocations, "invocation", insert, this.written);
    } catch (err) {
      this.failed(err as Error);
      throw err;
    }
    if (this.failingSince !== null) {
      this.log.info(
        `database writes work again after ${Math.round((Date.now() - this.failingSince) / 1000)} s; ` +
          "nothing pending was lost",
      );
      this.failingSince = null;
    }
    if (this.spill?.hasPending() && !this.replaying && !this.closed) this.replay();
  }

  private failed(err: Error): void {
    const now = Date.now();
    if (this.failingSince === null) {
      this.failingSince = now;
      this.lastFailReport = now;
      this.log.warn(
        `cannot write invocation records (${err.message}); keeping them and retrying every ${RETRY_MS / 1000} s`,
      );
    } else if (now - this.lastFailReport >= FAILING_REPORT_MS) {
      this.lastFailReport = now;
      this.log.warn(
        `still cannot write records after ${Math.round((now - this.failingSince) / 1000)} s ` +
          `(${err.message}); ${this.pending} pending`,
      );
    }
    const over = this.pending - MAX_PENDING_ROWS;
    if (over > 0) this.offload(over, err.message);
    if (!this.closed) this.schedule();
  }

  /** Moves the oldest rows out of memory: to disk when there is a spill folder, else they are lost. */
  private offload(count: number, reason: string): void {
    const lines = this.lines.splice(0, Math.min(count, this.lines.length));
    const invs = this.invocations.splice(0, count - lines.length);
    const rows: Spilled[] = [...invs.map((i) => ({ i })), ...lines.map((l) => ({ l }))];
    if (this.spill) {
      try {
        const file = this.spill.save(rows);
        this.log.warn(
          `memory bound reached while the database fails (${reason}): ` +
            `${rows.length} rows saved to ${file}, written once it is back`,
        );
        return;
      } catch (err) {
        this.log.error(`could not save ${rows.length} rows to disk: ${(err as Error).message}`);
      }
    }
    this.dropped += rows.length;
    this.log.warn(`dropped ${rows.length} pending rows: the database has been failing (${reason})`);
  }

  private refused(kind: string, row: InvocationRecord | LineRow, err: Error): void {
    this.quarantined++;
    const id = "line" in row ? row.requestId : `${row.requestId}#${row.attempt}`;
    const kept = this.spill?.quarantine(kind, row, err.message) ?? false;
    this.log.warn(
      `PostgreSQL refused the ${kind} of ${id} (${err.message}); ` +
        `${kept ? `kept in ${this.spill!.quarantinePath}` : "dropped"}, every other row is written`,
    );
  }

  /** Feeds saved rows back through the buffer, a batch at a time, while the database keeps up. */
  private replay(): void {
    const spill = this.spill;
    if (!spill || this.replaying) return;
    this.replaying = (async () => {
      let rows = 0;
      for await (const batch of spill.takePending(CHUNK)) {
        for (const r of batch as Spilled[]) {
          if ("i" in r) this.invocations.push(r.i);
          else if ("l" in r) this.lines.push(r.l);
        }
        rows += batch.length;
        try {
          await this.flush();
        } catch {
          return; // the batch stays in memory; the rest of the file went back to pending
        }
      }
      if (rows) this.log.info(`wrote ${rows} rows saved to disk while the database was unavailable`);
    })()
      .catch((err: Error) => this.log.error(`could not read saved rows: ${err.message}`))
      .finally(() => (this.replaying = null));
  }

  /**
   * Final flush at shutdown. What the database does not take is saved to disk for the next
   * start (or lost, when there is no spill folder or the disk refuses); the report says which.
   */
  async close(): Promise<CloseReport> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.replaying;
    let error: string | null = null;
    try {
      await this.flush();
    } catch (err) {
      error = (err as Error).message;
    }
    const report: CloseReport = { spilled: 0, spillFile: null, lost: this.dropped, error };
    if (this.pending === 0) return report;
    const rows: Spilled[] = [...this.invocations.map((i) => ({ i })), ...this.lines.map((l) => ({ l }))];
    this.invocations = [];
    this.lines = [];
    if (this.spill) {
      try {
        report.spillFile = this.spill.save(rows);
        report.spilled = rows.length;
        return report;
      } catch (err) {
        report.error = `${error}; saving to disk failed too: ${(err as Error).message}`;
      }
    }
    this.dropped += rows.length;
    report.lost = this.dropped;
    return report;
  }
}
