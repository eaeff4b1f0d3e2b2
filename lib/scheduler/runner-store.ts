/**
 * What the schedule runner reads and writes, in plain SQL over the shared pool: the enabled
 * schedules with their functions' names, the last slot claimed of each, a stamp that moves when
 * any schedule changes, claims of slots not fired (missed, failed), and the deletion of a
 * schedule whose ActionAfterCompletion is DELETE once it has completed.
 */
import type pg from "pg";
import { withTransaction } from "@/lib/db/transaction";

export interface ScheduleRow {
  id: string;
  /** The target: a function, or a state machine (one of the two). */
  functionName: string | null;
  stateMachineName: string | null;
  groupName: string;
  name: string;
  qualifier: string | null;
  expression: string;
  timeZone: string;
  input: string | null;
  maximumEventAgeSeconds: number;
  maximumRetryAttempts: number;
  flexibleWindowMinutes: number | null;
  actionAfterCompletion: string;
  startAt: Date;
  endDate: Date | null;
  updatedAt: Date;
}

/** Inserts a slot's fire; the primary key makes each slot claimed once, across servers. */
export const CLAIM = `INSERT INTO schedule_fires ("scheduleId", slot, status, "requestId", "lateMs")
  VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING 1`;

export async function loadSchedules(pool: pg.Pool): Promise<ScheduleRow[]> {
  const { rows } = await pool.query<ScheduleRow>(
    `SELECT s.id, f.name AS "functionName", m.name AS "stateMachineName", s."groupName", s.name, s.qualifier,
       s.expression, s."timeZone", s.input,
       s."maximumEventAgeSeconds", s."maximumRetryAttempts", s."flexibleWindowMinutes", s."actionAfterCompletion",
       s."startAt", s."endDate", s."updatedAt"
     FROM schedules s LEFT JOIN functions f ON f.id = s."functionId"
       LEFT JOIN state_machines m ON m.id = s."stateMachineId"
     WHERE s.enabled AND (f.id IS NOT NULL OR m.id IS NOT NULL)`,
  );
  return rows;
}

/** The latest slot claimed of each schedule, in epoch ms. */
export async function loadLastSlots(pool: pg.Pool): Promise<Map<string, number>> {
  const { rows } = await pool.query<{ scheduleId: string; slot: Date }>(
    `SELECT "scheduleId", max(slot) AS slot FROM schedule_fires GROUP BY "scheduleId"`,
  );
  return new Map(rows.map((r) => [r.scheduleId, r.slot.getTime()]));
}

export async function readStamp(pool: pg.Pool): Promise<string> {
  const r = await pool.query<{ n: string; at: Date | null }>(
    `SELECT count(*)::text AS n, max("updatedAt") AS at FROM schedules`,
  );
  const row = r.rows[0]!; // an aggregate without GROUP BY returns exactly one row
  return `${row.n}:${row.at?.getTime() ?? 0}`;
}

/** Records a slot that was not fired: too old when reached (missed), or not deliverable (failed). */
export async function claimUnfired(
  pool: pg.Pool,
  scheduleId: string,
  slotMs: number,
  lateMs: number,
  failure: { error: string; attempts: number } | null,
): Promise<void> {
  await pool.query(
    `INSERT INTO schedule_fires ("scheduleId", slot, status, "lateMs", error, attempts)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
    [
      scheduleId,
      new Date(slotMs),
      failure ? "failed" : "missed",
      lateMs,
      failure?.error ?? null,
      failure?.attempts ?? null,
    ],
  );
}

/**
 * Deletes a completed schedule and its fires, unless it was changed since it was read (then it
 * is no longer the schedule that completed). True when this call deleted it.
 */
export function deleteCompleted(pool: pg.Pool, row: ScheduleRow): Promise<boolean> {
  return withTransaction(pool, async (client) => {
    const r = await client.query(
      `DELETE FROM schedules WHERE id = $1 AND "updatedAt" = $2 AND "actionAfterCompletion" = 'DELETE'`,
      [row.id, row.updatedAt],
    );
    if (r.rowCount) await client.query(`DELETE FROM schedule_fires WHERE "scheduleId" = $1`, [row.id]);
    return (r.rowCount ?? 0) > 0;
  });
}
