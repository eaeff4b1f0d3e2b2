/**
 * The journal of a Standard execution, in PostgreSQL: each checkpoint is one statement — the
 * execution row (snapshot, status, due time, lease) fenced on this runner's lease and RUNNING,
 * and, only if that row changed, the history events and task tokens since the last one.
 */
import type pg from "pg";
import { eventsJson } from "@/lib/workflows/engine/history";
import type { Checkpoint, Journal, TokenAnswer } from "@/lib/workflows/engine/journal";

const CHECKPOINT = `
WITH upd AS (
  UPDATE workflow_executions SET
    snapshot = $3::jsonb, "nextEventId" = $4,
    -- An answer that came while this pass ran is not lost behind a later timer.
    "dueAt" = CASE WHEN EXISTS (SELECT 1 FROM workflow_task_tokens t WHERE t."executionId" = $1
      AND t.status IN ('succeeded', 'failed') AND NOT (t.token = ANY($13::text[]))) THEN now() ELSE $5 END,
    "leaseOwner" = CASE WHEN $6 THEN NULL ELSE "leaseOwner" END,
    "leaseUntil" = CASE WHEN $6 THEN NULL ELSE "leaseUntil" END,
    status = COALESCE($7, status), output = COALESCE($8, output), error = COALESCE($9, error),
    cause = COALESCE($10, cause), "stoppedAt" = CASE WHEN $7 IS NULL THEN NULL ELSE now() END
  WHERE id = $1 AND "leaseOwner" = $2 AND status = 'RUNNING'
  RETURNING id
), ev AS (
  INSERT INTO workflow_events ("executionId", id, "previousEventId", type, timestamp, details)
  SELECT $1, e.id, e.prev, e.type, e.ts, e.details
  FROM jsonb_to_recordset($11::jsonb) AS e(id int, prev int, type text, ts timestamptz, details jsonb)
  WHERE EXISTS (SELECT 1 FROM upd)
), tk AS (
  INSERT INTO workflow_task_tokens (token, "executionId", "threadId")
  SELECT t.token, $1, t."threadId" FROM jsonb_to_recordset($12::jsonb) AS t(token text, "threadId" text)
  WHERE EXISTS (SELECT 1 FROM upd)
), done AS (
  UPDATE workflow_task_tokens SET status = 'done' WHERE token = ANY($13::text[]) AND EXISTS (SELECT 1 FROM upd)
)
SELECT count(*)::int AS n FROM upd`;

export class PgJournal implements Journal {
  constructor(
    private readonly pool: pg.Pool,
    private readonly executionId: string,
    private readonly owner: string,
  ) {}

  async checkpoint(c: Checkpoint): Promise<boolean> {
    const r = await this.pool.query<{ n: number }>(CHECKPOINT, [
      this.executionId,
      this.owner,
      JSON.stringify(c.snapshot),
      c.nextEventId,
      c.dueAt,
      c.release,
      c.final?.status ?? null,
      c.final?.output ?? null,
      c.final?.error ?? null,
      c.final?.cause ?? null,
      eventsJson(c.events),
      JSON.stringify(c.tokens),
      c.doneTokens,
    ]);
    return r.rows[0]!.n === 1;
  }

  async tokens(): Promise<TokenAnswer[]> {
    const r = await this.pool.query<TokenAnswer>(
      `SELECT token, "threadId", status, output, error, cause, "heartbeatAt"
       FROM workflow_task_tokens WHERE "executionId" = $1 AND status <> 'done'`,
      [this.executionId],
    );
    return r.rows;
  }
}
