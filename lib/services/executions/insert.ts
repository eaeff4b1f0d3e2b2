/**
 * Stores an execution with its history events in one statement, waking the runners when it is one
 * they should run (RUNNING). StartExecution's row (RUNNING, its first event) and an Express run's
 * (ended, its whole history) both come this way. False when the machine has one of that name.
 */
import type { ServiceContext } from "@/lib/services/context";
import { WORKFLOW_CHANNEL } from "@/lib/workflows/channel";
import { eventsJson, type HistoryEvent } from "@/lib/workflows/engine/history";

export interface ExecutionRow {
  id: string;
  stateMachineId: string;
  name: string;
  type: "STANDARD" | "EXPRESS";
  status: string;
  definition: string;
  input: string;
  output?: string | null;
  error?: string | null;
  cause?: string | null;
  snapshot: object;
  traceId: string;
  startedAt: Date;
  stoppedAt?: Date | null;
  dueAt?: Date | null;
  deadlineAt?: Date | null;
}

export async function insertExecution(ctx: ServiceContext, x: ExecutionRow, events: HistoryEvent[]): Promise<boolean> {
  const notify = x.status === "RUNNING" ? WORKFLOW_CHANNEL : null;
  const rows = await ctx.db.$queryRaw<{ id: string }[]>`
    WITH x AS (
      INSERT INTO workflow_executions (id, "stateMachineId", name, type, status, definition, input, output, error,
        cause, snapshot, "traceId", "startedAt", "stoppedAt", "dueAt", "deadlineAt", "nextEventId")
      VALUES (${x.id}::uuid, ${x.stateMachineId}::uuid, ${x.name}, ${x.type}, ${x.status}, ${x.definition}, ${x.input},
        ${x.output ?? null}, ${x.error ?? null}, ${x.cause ?? null}, ${JSON.stringify(x.snapshot)}::jsonb, ${x.traceId},
        ${x.startedAt}, ${x.stoppedAt ?? null}, ${x.dueAt ?? null}, ${x.deadlineAt ?? null}, ${events.length + 1})
      ON CONFLICT ("stateMachineId", name) DO NOTHING
      RETURNING id
    ), e AS (
      INSERT INTO workflow_events ("executionId", id, "previousEventId", type, timestamp, details)
      SELECT x.id, ev.id, ev.prev, ev.type, ev.ts, ev.details
      FROM x, jsonb_to_recordset(${eventsJson(events)}::jsonb) AS ev(id int, prev int, type text, ts timestamptz, details jsonb)
    ), n AS (SELECT pg_notify(${notify}::text, x.id::text) FROM x WHERE ${notify}::text IS NOT NULL)
    SELECT x.id::text AS id FROM x, (SELECT count(*) FROM n) AS _`;
  return rows.length > 0;
}
