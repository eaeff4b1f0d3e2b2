/**
 * The one statement that stores an execution with its history events, waking the runners (NOTIFY)
 * when it is one they should run (RUNNING). StartExecution, an Express run's record and a
 * schedule's fire (inside its claim's transaction) all come this way. No row: the machine has an
 * execution of that name.
 */
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

export const INSERT_EXECUTION = `
WITH x AS (
  INSERT INTO workflow_executions (id, "stateMachineId", name, type, status, definition, input, output, error,
    cause, snapshot, "traceId", "startedAt", "stoppedAt", "dueAt", "deadlineAt", "nextEventId")
  VALUES ($1::uuid, $2::uuid, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb, $12, $13::timestamptz, $14::timestamptz,
    $15::timestamptz, $16::timestamptz, $17::int)
  ON CONFLICT ("stateMachineId", name) DO NOTHING
  RETURNING id
), e AS (
  INSERT INTO workflow_events ("executionId", id, "previousEventId", type, timestamp, details)
  SELECT x.id, ev.id, ev.prev, ev.type, ev.ts, ev.details
  FROM x, jsonb_to_recordset($18::jsonb) AS ev(id int, prev int, type text, ts timestamptz, details jsonb)
), n AS (SELECT pg_notify($19::text, x.id::text) FROM x WHERE $19::text IS NOT NULL)
SELECT x.id::text AS id FROM x, (SELECT count(*) FROM n) AS _`;

export function insertExecutionValues(x: ExecutionRow, events: HistoryEvent[]): unknown[] {
  return [
    x.id,
    x.stateMachineId,
    x.name,
    x.type,
    x.status,
    x.definition,
    x.input,
    x.output ?? null,
    x.error ?? null,
    x.cause ?? null,
    JSON.stringify(x.snapshot),
    x.traceId,
    x.startedAt,
    x.stoppedAt ?? null,
    x.dueAt ?? null,
    x.deadlineAt ?? null,
    events.length + 1,
    eventsJson(events),
    x.status === "RUNNING" ? WORKFLOW_CHANNEL : null,
  ];
}
