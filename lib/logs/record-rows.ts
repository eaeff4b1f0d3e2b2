/**
 * The rows the record writer stores — an invocation's record and its log lines — and the
 * statements that write a batch of them in one INSERT each (unnest of column arrays). Text
 * PostgreSQL cannot store (U+0000) is cleaned on the way in.
 */
import type pg from "pg";
import { pgText, pgTextOrNull } from "@/lib/db/text";
import type { LogEntry } from "@/lib/executor/types";

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
  /** Absent in rows spilled before the column existed. */
  queuedMs?: number | null;
  memorySizeMb: number;
  maxMemoryUsedMb: number;
  outcome: string;
  errorType: string | null;
  errorMessage: string | null;
  requestBytes: number;
  responseBytes: number;
  logBytes: number;
  logTruncated: boolean;
  /** For an invocation through a function URL: the request's method and path, and the status answered. */
  httpMethod?: string | null;
  httpPath?: string | null;
  httpStatus?: number | null;
  /** For a batch from an event source mapping: the source's ARN and the batch's size. */
  eventSourceArn?: string | null;
  batchSize?: number | null;
  /** The trace it belongs to (32 hex) and the caller's span in it; its own span ids derive from the request id. */
  traceId?: string | null;
  parentSpanId?: string | null;
  /** Time from the request's arrival to the sandbox (signature, body, resolve, admission), when known. */
  frontMs?: number | null;
  /** The function's own spans (JSON text of UserSpan[]), when the call was sampled and made some. */
  spans?: string | null;
}

export interface LineRow {
  requestId: string;
  functionId: string;
  line: LogEntry;
}

const INSERT_INVOCATIONS = `INSERT INTO invocations (
  "requestId","attempt","functionId","functionName","version","trigger",
  "startedAt","durationMs","billedDurationMs","initDurationMs","memorySizeMb","maxMemoryUsedMb","outcome","errorType",
  "errorMessage","requestBytes","responseBytes","logBytes","logTruncated","httpMethod","httpPath","httpStatus","queuedMs","eventSourceArn","batchSize",
  "traceId","parentSpanId","frontMs","spans")
SELECT r, a, f, n, v, t, to_timestamp(s / 1000.0), d, b, i, m, u, o, et, em, rq, rs, lb, lt, hm, hp, hs, qm, ea, bs,
  ti, ps, fm, sp::jsonb
FROM unnest($1::uuid[],$2::int[],$3::uuid[],$4::text[],$5::text[],$6::text[],$7::float8[],$8::float8[],$9::int[],
  $10::float8[],$11::int[],$12::int[],$13::text[],$14::text[],$15::text[],$16::int[],$17::int[],$18::int[],$19::bool[],
  $20::text[],$21::text[],$22::int[],$23::int[],$24::text[],$25::int[],$26::text[],$27::text[],$28::float8[],$29::text[])
  AS x(r, a, f, n, v, t, s, d, b, i, m, u, o, et, em, rq, rs, lb, lt, hm, hp, hs, qm, ea, bs, ti, ps, fm, sp)
ON CONFLICT ("requestId", "attempt") DO NOTHING`;

const INSERT_LINES = `INSERT INTO log_lines ("requestId","functionId","ts","level","message")
SELECT r, f, to_timestamp(t / 1000.0), l, m
FROM unnest($1::uuid[],$2::uuid[],$3::float8[],$4::text[],$5::text[]) AS x(r, f, t, l, m)`;

export async function insertInvocations(pool: pg.Pool, rows: InvocationRecord[]): Promise<void> {
  const col = <K extends keyof InvocationRecord>(k: K) => rows.map((r) => r[k]);
  await pool.query(INSERT_INVOCATIONS, [
    col("requestId"),
    col("attempt"),
    col("functionId"),
    col("functionName"),
    col("version"),
    col("trigger"),
    col("startedAt"),
    col("durationMs"),
    col("billedDurationMs"),
    col("initDurationMs"),
    col("memorySizeMb"),
    col("maxMemoryUsedMb"),
    col("outcome"),
    rows.map((r) => pgTextOrNull(r.errorType)),
    rows.map((r) => pgTextOrNull(r.errorMessage)),
    col("requestBytes"),
    col("responseBytes"),
    col("logBytes"),
    col("logTruncated"),
    rows.map((r) => pgTextOrNull(r.httpMethod)),
    rows.map((r) => pgTextOrNull(r.httpPath)),
    rows.map((r) => r.httpStatus ?? null),
    rows.map((r) => r.queuedMs ?? null),
    rows.map((r) => pgTextOrNull(r.eventSourceArn)),
    rows.map((r) => r.batchSize ?? null),
    rows.map((r) => r.traceId ?? null),
    rows.map((r) => r.parentSpanId ?? null),
    rows.map((r) => r.frontMs ?? null),
    rows.map((r) => r.spans ?? null),
  ]);
}

export async function insertLines(pool: pg.Pool, rows: LineRow[]): Promise<void> {
  await pool.query(INSERT_LINES, [
    rows.map((r) => r.requestId),
    rows.map((r) => r.functionId),
    rows.map((r) => r.line.ts),
    rows.map((r) => pgText(r.line.level)),
    rows.map((r) => pgText(r.line.message)),
  ]);
}
