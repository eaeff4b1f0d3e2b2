/**
 * Keeps invocation records and log lines within bounds an operator sets, beyond the age-based
 * retention (lib/logs/retention.ts): every minute, on one server at a time,
 *  - size: their estimated size must stay under NIMBUS_RECORDS_MAX_MB;
 *  - disk: the embedded database's volume must keep NIMBUS_DISK_MIN_FREE_MB free.
 * Past either, the oldest records are deleted (the newest are kept) and the tables vacuumed, so
 * new rows reuse the space instead of growing the files. What was done is logged, reported by
 * /api/health and shown in the console.
 *
 * The size is estimated from live row counts and the average message width PostgreSQL keeps in
 * its statistics, with per-row costs measured on PostgreSQL 18 (indexes included, trigram index
 * too): an invocation ≈ 240 bytes, a log line ≈ 280 bytes + 2.5 per character. Table files do
 * not shrink after a DELETE, so their size on disk cannot serve as the measure.
 */
import { statfs } from "node:fs/promises";
import type pg from "pg";
import type { Logger } from "@/lib/log";

export const INVOCATION_ROW_BYTES = 240;
export const LOG_LINE_BASE_BYTES = 280;
export const LOG_LINE_BYTES_PER_CHAR = 2.5;
const CHECK_MS = 60_000;
const LOCK_KEY = 0x4e696d62; // "Nimb": one server at a time does the pruning

export interface CapacityState {
  estimatedMb: number;
  maxMb: number;
  /** Free space on the embedded database's volume; null with an external database. */
  diskFreeMb: number | null;
  minFreeMb: number;
  diskLow: boolean;
  lastPrune: { at: string; reason: string; before: string; rows: number } | null;
}

export interface CapacityOptions {
  maxMb: number;
  minFreeMb: number;
  /** A folder on the database's volume (the embedded data folder), or null. */
  diskPath: string | null;
  log: Logger;
}

export async function estimateRecordsBytes(
  pool: pg.Pool,
): Promise<{ bytes: number; invocations: number; logLines: number }> {
  const { rows } = await pool.query<{ inv: string | null; lines: string | null; width: number | null }>(`
    SELECT (SELECT n_live_tup FROM pg_stat_user_tables WHERE relid = 'invocations'::regclass) AS inv,
           (SELECT n_live_tup FROM pg_stat_user_tables WHERE relid = 'log_lines'::regclass) AS lines,
           (SELECT avg_width FROM pg_stats
             WHERE schemaname = current_schema() AND tablename = 'log_lines' AND attname = 'message') AS width`);
  const invocations = Number(rows[0]?.inv ?? 0);
  const logLines = Number(rows[0]?.lines ?? 0);
  const width = rows[0]?.width ?? 80;
  return {
    bytes: invocations * INVOCATION_ROW_BYTES + logLines * (LOG_LINE_BASE_BYTES + LOG_LINE_BYTES_PER_CHAR * width),
    invocations,
    logLines,
  };
}

/** Deletes the oldest `fraction` of invocations (by start time), and the log lines and connections before then. */
export async function pruneOldestRecords(
  pool: pg.Pool,
  fraction: number,
  total: number,
): Promise<{ before: Date | null; rows: number }> {
  const skip = Math.max(1, Math.floor(total * fraction));
  const { rows } = await pool.query<{ t: Date }>(
    `SELECT "startedAt" AS t FROM invocations ORDER BY "startedAt" OFFSET $1 LIMIT 1`,
    [skip],
  );
  const before = rows[0]?.t ?? null;
  if (!before) return { before: null, rows: 0 };
  let deleted = 0;
  for (const sql of [
    `DELETE FROM log_lines WHERE id IN (SELECT id FROM log_lines WHERE ts < $1 LIMIT 50000)`,
    `DELETE FROM invocation_connections WHERE id IN (
       SELECT id FROM invocation_connections WHERE ts < $1 LIMIT 50000)`,
    `DELETE FROM invocations WHERE ("requestId", attempt) IN (
       SELECT "requestId", attempt FROM invocations WHERE "startedAt" < $1 LIMIT 50000)`,
  ]) {
    for (;;) {
      const r = await pool.query(sql, [before]);
      deleted += r.rowCount ?? 0;
      if ((r.rowCount ?? 0) < 50000) break;
    }
  }
  // Plain VACUUM (no exclusive lock): the space becomes reusable and the statistics current.
  await pool.query(`VACUUM (ANALYZE) log_lines`);
  await pool.query(`VACUUM (ANALYZE) invocations`);
  return { before, rows: deleted };
}

export class RecordsCapacityGuard {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private freeAtLastPrune: number | null = null;
  readonly state: CapacityState;

  constructor(
    private readonly pool: pg.Pool,
    private readonly o: CapacityOptions,
  ) {
    this.state = {
      estimatedMb: 0,
      maxMb: o.maxMb,
      diskFreeMb: null,
      minFreeMb: o.minFreeMb,
      diskLow: false,
      lastPrune: null,
    };
  }

  start(): void {
    this.timer = setInterval(() => void this.check(), CHECK_MS);
    this.timer.unref();
    void this.check();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** One pass; concurrent callers share it. */
  check(): Promise<void> {
    this.running ??= this.pass()
      .catch((e: Error) => this.o.log.warn(`could not check the space records take: ${e.message}`))
      .finally(() => (this.running = null));
    return this.running;
  }

  private async pass(): Promise<void> {
    const usage = await estimateRecordsBytes(this.pool);
    this.state.estimatedMb = Math.round(usage.bytes / 1048576);
    if (this.o.diskPath) {
      const fs = await statfs(this.o.diskPath);
      this.state.diskFreeMb = Math.floor((Number(fs.bavail) * Number(fs.bsize)) / 1048576);
      this.state.diskLow = this.state.diskFreeMb < this.o.minFreeMb;
    }
    let reason: string | null = null;
    let fraction = 0;
    if (!this.state.diskLow) this.freeAtLastPrune = null;
    // A DELETE frees space inside the tables, not on the disk: prune again only while free space still shrinks.
    const stillShrinking = this.freeAtLastPrune === null || (this.state.diskFreeMb ?? 0) < this.freeAtLastPrune - 64;
    if (this.state.diskLow && stillShrinking) {
      reason =
        `${this.state.diskFreeMb} MB free on the database's disk, ` +
        `under NIMBUS_DISK_MIN_FREE_MB=${this.o.minFreeMb}`;
      fraction = 0.1;
    } else if (this.o.maxMb > 0 && this.state.estimatedMb > this.o.maxMb) {
      reason = `records take about ${this.state.estimatedMb} MB, over NIMBUS_RECORDS_MAX_MB=${this.o.maxMb}`;
      fraction = Math.min(0.5, Math.max(0.05, 1 - (0.9 * this.o.maxMb) / this.state.estimatedMb));
    }
    if (!reason || usage.invocations === 0) return;
    const client = await this.pool.connect();
    try {
      const got = await client.query<{ ok: boolean }>(`SELECT pg_try_advisory_lock($1) AS ok`, [LOCK_KEY]);
      if (!got.rows[0]?.ok) return; // another server is at it
      try {
        const r = await pruneOldestRecords(this.pool, fraction, usage.invocations);
        if (!r.before) return;
        this.state.lastPrune = { at: new Date().toISOString(), reason, before: r.before.toISOString(), rows: r.rows };
        if (this.state.diskLow) this.freeAtLastPrune = this.state.diskFreeMb;
        // Over the operator's cap is the cap doing its work; a disk running out of space is a warning.
        this.o.log[this.state.diskLow ? "warn" : "info"](
          `${reason}: deleted ${r.rows} records and log lines from before ${r.before.toISOString()} ` +
            "(the newest are kept)",
        );
        const after = await estimateRecordsBytes(this.pool);
        this.state.estimatedMb = Math.round(after.bytes / 1048576);
      } finally {
        await client.query(`SELECT pg_advisory_unlock($1)`, [LOCK_KEY]);
      }
    } finally {
      client.release();
    }
  }
}
