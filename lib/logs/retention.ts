import type pg from "pg";

/** Deletes invocations and log lines older than the retention period, in bounded batches. */
export async function pruneOldRecords(pool: pg.Pool, retentionDays: number): Promise<number> {
  const cutoff = new Date(Date.now() - retentionDays * 86_400_000).toISOString();
  let total = 0;
  for (const sql of [
    `DELETE FROM log_lines WHERE id IN (SELECT id FROM log_lines WHERE ts < $1 LIMIT 50000)`,
    `DELETE FROM invocations WHERE ("requestId", attempt) IN (SELECT "requestId", attempt FROM invocations WHERE "startedAt" < $1 LIMIT 50000)`,
  ]) {
    for (;;) {
      const r = await pool.query(sql, [cutoff]);
      total += r.rowCount ?? 0;
      if ((r.rowCount ?? 0) < 50000) break;
    }
  }
  return total;
}
