/**
 * What the asynchronous queue reads and writes besides its jobs, in plain SQL over the shared
 * pool: a function's EventInvokeConfig, the recorded outcome of an attempt (so a redelivered
 * job does not run twice), and the dead-letter list.
 */
import { randomUUID } from "node:crypto";
import type pg from "pg";
import { pgText, pgTextOrNull } from "@/lib/db/text";
import type { InvokeResult } from "@/lib/executor/types";
import type { DestinationCondition } from "@/lib/queue/destination";
import { DEFAULT_EVENT_INVOKE_CONFIG } from "@/lib/services/event-invoke-config";

export interface EventConfig {
  maximumRetryAttempts: number;
  maximumEventAgeSeconds: number;
  onSuccessDestination: string | null;
  onFailureDestination: string | null;
}

/** The settings of the qualifier an event was invoked with ($LATEST when none), or Lambda's defaults. */
export async function loadEventConfig(pool: pg.Pool, functionId: string, qualifier = "$LATEST"): Promise<EventConfig> {
  const { rows } = await pool.query<EventConfig>(
    `SELECT "maximumRetryAttempts", "maximumEventAgeSeconds", "onSuccessDestination", "onFailureDestination"
     FROM event_invoke_configs WHERE "functionId" = $1 AND qualifier = $2`,
    [functionId, qualifier],
  );
  return rows[0] ?? DEFAULT_EVENT_INVOKE_CONFIG;
}

/** The outcome recorded for this attempt, as a result (no payload: it is not kept), or null. */
export async function recordedOutcome(pool: pg.Pool, requestId: string, attempt: number): Promise<InvokeResult | null> {
  const { rows } = await pool.query<{ outcome: string; errorType: string | null; errorMessage: string | null }>(
    `SELECT outcome, "errorType", "errorMessage" FROM invocations WHERE "requestId" = $1 AND attempt = $2`,
    [requestId, attempt],
  );
  const row = rows[0];
  if (!row) return null;
  const error = row.errorType
    ? { errorType: row.errorType, errorMessage: row.errorMessage ?? "", trace: [] }
    : undefined;
  return {
    requestId,
    outcome: row.outcome as InvokeResult["outcome"],
    payload: Buffer.alloc(0),
    error,
    startedAt: 0,
    durationMs: 0,
    billedDurationMs: 0,
    memorySizeMb: 0,
    maxMemoryUsedMb: 0,
    logs: [],
    logBytes: 0,
    logTruncated: false,
  };
}

export interface DeadLetter {
  functionId: string;
  functionName: string;
  requestId: string;
  payload: string;
  condition: DestinationCondition;
  error: InvokeResult["error"] | null;
  attempts: number;
}

/** Text PostgreSQL cannot store is cleaned: a dead letter must never fail to be written. */
export async function insertDeadLetter(pool: pg.Pool, d: DeadLetter): Promise<void> {
  await pool.query(
    `INSERT INTO dead_letters
       (id, "functionId", "functionName", "requestId", payload, condition, "errorType", "errorMessage", attempts)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      randomUUID(),
      d.functionId,
      d.functionName,
      d.requestId,
      pgText(d.payload),
      d.condition,
      pgTextOrNull(d.error?.errorType),
      pgTextOrNull(d.error?.errorMessage?.slice(0, 4096)),
      d.attempts,
    ],
  );
}

/** Marks a dead letter redriven (once) and returns its function and event, or null. */
export async function takeDeadLetter(
  pool: pg.Pool,
  id: string,
): Promise<{ functionName: string; payload: string } | null> {
  const { rows } = await pool.query<{ functionName: string; payload: string }>(
    `UPDATE dead_letters SET "redrivenAt" = now() WHERE id = $1 AND "redrivenAt" IS NULL
     RETURNING "functionName", payload`,
    [id],
  );
  return rows[0] ?? null;
}
