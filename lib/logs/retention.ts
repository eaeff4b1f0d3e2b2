import type pg from "pg";

/**
 * Deletes what is older than the retention period, in bounded batches: invocations, their log
 * lines and outbound connections, dead letters, schedule fires (except each schedule's newest, which the runner
 * counts its next slot from), and workflow executions that ended (their history goes with them; a
 * few hundred at a time, as each may hold thousands of events). Audit entries are kept: they are the security record.
 */
export async function pruneOldRecords(pool: pg.Pool, retentionDays: number): Promise<number> {
  const cutoff = new Date(Date.now() - retentionDays * 86_400_000).toISOString();
  let total = 0;
  for (const [sql, batch = 50000] of [
    [`DELETE FROM log_lines WHERE id IN (SELECT id FROM log_lines WHERE ts < $1 LIMIT 50000)`],
    [
      `DELETE FROM invocation_connections WHERE id IN (
       SELECT id FROM invocation_connections WHERE ts < $1 LIMIT 50000)`,
    ],
    [
      `DELETE FROM invocations WHERE ("requestId", attempt) IN (
       SELECT "requestId", attempt FROM invocations WHERE "startedAt" < $1 LIMIT 50000)`,
    ],
    [`DELETE FROM dead_letters WHERE id IN (SELECT id FROM dead_letters WHERE "createdAt" < $1 LIMIT 50000)`],
    [
      `DELETE FROM schedule_fires WHERE ("scheduleId", slot) IN (
       SELECT f."scheduleId", f.slot FROM schedule_fires f
       WHERE f."firedAt" < $1
         AND f.slot < (SELECT max(g.slot) FROM schedule_fires g WHERE g."scheduleId" = f."scheduleId")
       LIMIT 50000)`,
    ],
    [
      `DELETE FROM workflow_executions WHERE id IN (
       SELECT id FROM workflow_executions WHERE status <> 'RUNNING' AND "stoppedAt" < $1 LIMIT 500)`,
      500,
    ],
  ] as [string, number?][]) {
    for (;;) {
      const r = await pool.query(sql, [cutoff]);
      total += r.rowCount ?? 0;
      if ((r.rowCount ?? 0) < batch) break;
    }
  }
  return total;
}
