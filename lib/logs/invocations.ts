/**
 * The console's view of invocations: a function's invocations newest first (keyset-paged),
 * and log-line search with each matching invocation attached. Plain SQL over the shared pool.
 */
import type pg from "pg";
import { invalid, notFound } from "@/lib/errors";
import type { Outcome } from "@/lib/executor/types";
import { searchLogLines, type LogSearch } from "@/lib/logs/search";

export const invocationStatuses = ["success", "error", "timeout", "throttled"] as const;
export type InvocationStatus = (typeof invocationStatuses)[number];

/** "error" covers every way the handler failed other than the deadline. */
const outcomesOf: Record<InvocationStatus, Outcome[]> = {
  success: ["Success"],
  error: ["Error", "OutOfMemory", "Crash"],
  timeout: ["Timeout"],
  throttled: ["Throttled"],
};

export interface InvocationItem {
  requestId: string;
  attempt: number;
  /** ISO 8601, millisecond precision (the column is timestamptz(3)). */
  startedAt: string;
  durationMs: number;
  billedDurationMs: number;
  /** Set on a cold start. */
  initDurationMs: number | null;
  maxMemoryUsedMb: number;
  memorySizeMb: number;
  outcome: Outcome;
  errorType: string | null;
  errorMessage: string | null;
  trigger: string;
  /** For a function URL request: its method, path and the status it was answered with. */
  http: { method: string; path: string; status: number | null } | null;
  /** For a batch from an event source mapping: the source's ARN (a queue) and how many records it held. */
  eventSource: { arn: string; batchSize: number | null } | null;
  /** The trace it belongs to (the console links to /traces/<traceId>); null for calls recorded before traces. */
  traceId: string | null;
}

export interface ListInvocationsQuery {
  functionId: string;
  status?: InvocationStatus;
  /** Epoch ms, inclusive. */
  from?: number;
  /** Epoch ms, exclusive. */
  to?: number;
  cursor?: string;
  limit?: number;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

interface Cursor {
  startedAtMs: number;
  requestId: string;
  attempt: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (s: string) => UUID.test(s);

/** Opaque to clients; carries the full sort key so ties on startedAt page correctly. */
export function encodeCursor(c: Cursor): string {
  return Buffer.from(`${c.startedAtMs}:${c.requestId}:${c.attempt}`).toString("base64url");
}

export function decodeCursor(raw: string): Cursor {
  const [ms, requestId, attempt] = Buffer.from(raw, "base64url").toString("utf8").split(":");
  const c = { startedAtMs: Number(ms), requestId: requestId ?? "", attempt: Number(attempt) };
  if (!Number.isSafeInteger(c.startedAtMs) || !isUuid(c.requestId) || !Number.isInteger(c.attempt) || c.attempt < 1)
    throw invalid("cursor is not valid: pass the nextCursor of the previous page");
  return c;
}

const COLUMNS = `"requestId", attempt, "startedAt", "durationMs", "billedDurationMs", "initDurationMs",
  "maxMemoryUsedMb", "memorySizeMb", outcome, "errorType", left("errorMessage", 500) AS "errorMessage", trigger,
  "httpMethod", left("httpPath", 200) AS "httpPath", "httpStatus", "eventSourceArn", "batchSize", "traceId"`;

/**
 * The list query, exported so the seed/benchmark can EXPLAIN exactly what the console runs.
 * The index ("functionId", "startedAt" DESC) gives the order; the redundant
 * `"startedAt" <= cursor` is what lets the index seek to the page instead of filtering from the top,
 * and the row comparison settles ties (an incremental sort on the few rows sharing a millisecond).
 */
export function listInvocationsSql(q: ListInvocationsQuery): { text: string; values: unknown[]; limit: number } {
  const values: unknown[] = [q.functionId];
  const where = [`"functionId" = $1`];
  const arg = (v: unknown) => `$${values.push(v)}`;
  if (q.status) where.push(`outcome = ANY(${arg(outcomesOf[q.status])}::text[])`);
  if (q.from !== undefined) where.push(`"startedAt" >= ${arg(new Date(q.from).toISOString())}::timestamptz`);
  if (q.to !== undefined) where.push(`"startedAt" < ${arg(new Date(q.to).toISOString())}::timestamptz`);
  if (q.cursor) {
    const c = decodeCursor(q.cursor);
    const ts = arg(new Date(c.startedAtMs).toISOString());
    where.push(
      `"startedAt" <= ${ts}::timestamptz`,
      `("startedAt", "requestId", attempt) < (${ts}::timestamptz, ${arg(c.requestId)}::uuid, ${arg(c.attempt)}::int)`,
    );
  }
  const limit = Math.min(Math.max(q.limit ?? 50, 1), 200);
  const text = `SELECT ${COLUMNS} FROM invocations WHERE ${where.join(" AND ")}
    ORDER BY "startedAt" DESC, "requestId" DESC, attempt DESC LIMIT ${limit + 1}`;
  return { text, values, limit };
}

type Row = Omit<InvocationItem, "startedAt" | "http" | "eventSource"> & {
  startedAt: Date;
  httpMethod: string | null;
  httpPath: string | null;
  httpStatus: number | null;
  eventSourceArn: string | null;
  batchSize: number | null;
};
const toItem = ({ httpMethod, httpPath, httpStatus, eventSourceArn, batchSize, ...r }: Row): InvocationItem => ({
  ...r,
  startedAt: r.startedAt.toISOString(),
  http: httpMethod === null ? null : { method: httpMethod, path: httpPath ?? "/", status: httpStatus },
  eventSource: eventSourceArn === null ? null : { arn: eventSourceArn, batchSize },
});

/** A function's invocations, newest first (retries of one request are separate rows). */
export async function listInvocations(pool: pg.Pool, q: ListInvocationsQuery): Promise<Page<InvocationItem>> {
  const { text, values, limit } = listInvocationsSql(q);
  const { rows } = await pool.query<Row>(text, values);
  const items = rows.slice(0, limit).map(toItem);
  const last = items.at(-1); // defined whenever rows.length > limit, as limit >= 1
  return {
    items,
    nextCursor:
      rows.length > limit && last
        ? encodeCursor({ startedAtMs: Date.parse(last.startedAt), requestId: last.requestId, attempt: last.attempt })
        : null,
  };
}

export interface LogMatch {
  id: string;
  requestId: string;
  ts: string;
  level: string;
  message: string;
}

/** Matching lines plus the invocation each belongs to (latest attempt), for grouping in the UI. */
export interface LogSearchPage extends Page<LogMatch> {
  invocations: Record<string, InvocationItem>;
}

/** Full-text search over a function's log lines (trigram index), newest first. */
export async function searchInvocationLogs(
  pool: pg.Pool,
  q: LogSearch & { functionId: string },
): Promise<LogSearchPage> {
  const found = await searchLogLines(pool, q);
  const ids = [...new Set(found.items.map((l) => l.requestId))];
  const invocations: Record<string, InvocationItem> = {};
  if (ids.length) {
    const { rows } = await pool.query<Row>(
      `SELECT DISTINCT ON ("requestId") ${COLUMNS} FROM invocations
       WHERE "requestId" = ANY($1::uuid[]) ORDER BY "requestId", attempt DESC`,
      [ids],
    );
    for (const r of rows) invocations[r.requestId] = toItem(r);
  }
  return {
    items: found.items.map((l) => ({
      id: l.id,
      requestId: l.requestId,
      ts: l.ts.toISOString(),
      level: l.level,
      message: l.message,
    })),
    invocations,
    nextCursor: found.nextCursor,
  };
}

/* ---- Query-string parsing for the console routes: every bad value is a 400 naming the parameter. ---- */

/** ISO 8601 or epoch milliseconds. */
export function parseTimeParam(name: string, raw: string | null): number | undefined {
  if (raw === null || raw === "") return undefined;
  const ms = /^\d+$/.test(raw) ? Number(raw) : /^\d{4}-\d{2}-\d{2}/.test(raw) ? Date.parse(raw) : NaN;
  // Beyond ±8.64e15 ms a Date cannot exist; reject rather than build an Invalid Date.
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15)
    throw invalid(`${name} must be an ISO 8601 time or epoch milliseconds, got "${raw}"`);
  return ms;
}

function parseLimit(raw: string | null, max: number): number | undefined {
  if (raw === null || raw === "") return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max)
    throw invalid(`limit must be an integer from 1 to ${max}, got "${raw}"`);
  return n;
}

function parseRange(sp: URLSearchParams): { from?: number; to?: number } {
  const from = parseTimeParam("from", sp.get("from"));
  const to = parseTimeParam("to", sp.get("to"));
  if (from !== undefined && to !== undefined && from >= to) throw invalid("from must be before to");
  return { from, to };
}

export function parseListParams(sp: URLSearchParams): Omit<ListInvocationsQuery, "functionId"> {
  const status = sp.get("status") || undefined;
  if (status !== undefined && status !== "all" && !invocationStatuses.includes(status as InvocationStatus)) {
    throw invalid(`status must be one of all, ${invocationStatuses.join(", ")}; got "${status}"`);
  }
  const cursor = sp.get("cursor") || undefined;
  if (cursor) decodeCursor(cursor);
  return {
    status: status === "all" ? undefined : (status as InvocationStatus | undefined),
    ...parseRange(sp),
    cursor,
    limit: parseLimit(sp.get("limit"), 200),
  };
}

export function parseSearchParams(sp: URLSearchParams): Omit<LogSearch, "functionId"> {
  const text = sp.get("q")?.trim() || undefined;
  if (text && text.length > 200) throw invalid("q must be at most 200 characters");
  const before = sp.get("before") || undefined;
  if (before !== undefined && !/^\d{1,18}$/.test(before))
    throw invalid(`before must be the nextCursor of the previous page, got "${before}"`);
  return { text, before, ...parseRange(sp), limit: parseLimit(sp.get("limit"), 500) };
}

export function assertRequestId(raw: string): string {
  if (!isUuid(raw)) throw invalid(`requestId must be a UUID, got "${raw.slice(0, 80)}"`);
  return raw.toLowerCase();
}

/** What finds a function by name (the invoke path's resolver, with its cache). */
export interface FunctionLookup {
  get(name: string): Promise<{ record: { id: string } } | null>;
  arnOf(name: string): string;
}

/** The id of a function by name, from the resolver's cache; 404 like the rest of the API. */
export async function functionIdOrThrow(resolver: FunctionLookup, name: string): Promise<string> {
  const fn = await resolver.get(name);
  if (!fn) throw notFound(`Function not found: ${resolver.arnOf(name)}`);
  return fn.record.id;
}
