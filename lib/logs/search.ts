/** Reading logs back: one invocation's full log, START/END/REPORT derived from its record. */
import type pg from "pg";
import type { LogEntry, Outcome } from "@/lib/executor/types";
import { invocationLines, renderLine } from "@/lib/logs/format";

interface InvocationRow {
  requestId: string;
  attempt: number;
  version: string;
  startedAt: Date;
  durationMs: number;
  billedDurationMs: number;
  initDurationMs: number | null;
  queuedMs: number | null;
  memorySizeMb: number;
  maxMemoryUsedMb: number;
  outcome: Outcome;
  errorType: string | null;
  errorMessage: string | null;
}

/** The rendered log lines of an invocation (all attempts, oldest first), as CloudWatch shows them. */
export async function getInvocationLog(pool: pg.Pool, requestId: string): Promise<string[]> {
  const [inv, lines] = await Promise.all([
    pool.query<InvocationRow>(`SELECT * FROM invocations WHERE "requestId" = $1 ORDER BY attempt`, [requestId]),
    pool.query<{ ts: Date; level: LogEntry["level"]; message: string }>(
      `SELECT ts, level, message FROM log_lines WHERE "requestId" = $1 ORDER BY id`,
      [requestId],
    ),
  ]);
  const out: string[] = [];
  const user = lines.rows.map((l) => ({ ts: l.ts.getTime(), level: l.level, message: l.message }));
  // Attempts share a request id; each gets the lines written during its own run. The line between
  // two attempts is halfway from one's end to the next one's start (retries are seconds apart): a
  // traced call's start is the handler's (the instance's monotonic clock), and its first line,
  // stamped by the wall clock, may read a few milliseconds earlier.
  const bounds = inv.rows.map((r, i) => {
    const prev = inv.rows[i - 1];
    return prev ? (prev.startedAt.getTime() + prev.durationMs + r.startedAt.getTime()) / 2 : -Infinity;
  });
  for (const [i, r] of inv.rows.entries()) {
    const start = r.startedAt.getTime();
    const own = user.filter((l) => l.ts >= bounds[i]! && l.ts < (bounds[i + 1] ?? Infinity));
    const summary = {
      requestId: r.requestId,
      startedAt: start,
      durationMs: r.durationMs,
      billedDurationMs: r.billedDurationMs,
      initDurationMs: r.initDurationMs ?? undefined,
      queuedMs: r.queuedMs ?? undefined,
      memorySizeMb: r.memorySizeMb,
      maxMemoryUsedMb: r.maxMemoryUsedMb,
      outcome: r.outcome,
      error: r.errorType ? { errorType: r.errorType, errorMessage: r.errorMessage ?? "", trace: [] } : undefined,
    };
    for (const l of invocationLines(summary, own, r.version)) out.push(renderLine(l, r.requestId));
  }
  return out;
}

export interface LogSearch {
  functionId?: string;
  requestId?: string;
  /** Epoch milliseconds, inclusive. */
  from?: number;
  /** Epoch milliseconds, exclusive. */
  to?: number;
  /** Case-insensitive substring of the message (served by the trigram index). */
  text?: string;
  level?: string;
  limit?: number;
  /** The last id of the previous page (newest first). */
  before?: string;
}

export interface LogLineRow {
  id: string;
  requestId: string;
  functionId: string;
  ts: Date;
  level: string;
  message: string;
}

/** Log lines by function, invocation, time range and text, newest first, cursor-paged. */
export async function searchLogLines(
  pool: pg.Pool,
  q: LogSearch,
): Promise<{ items: LogLineRow[]; nextCursor: string | null }> {
  const where: string[] = [];
  const args: unknown[] = [];
  const add = (sql: string, v: unknown) => {
    args.push(v);
    where.push(sql.replace("?", `$${args.length}`));
  };
  if (q.functionId) add(`"functionId" = ?`, q.functionId);
  if (q.requestId) add(`"requestId" = ?`, q.requestId);
  if (q.from !== undefined) add(`ts >= to_timestamp(? / 1000.0)`, q.from);
  if (q.to !== undefined) add(`ts < to_timestamp(? / 1000.0)`, q.to);
  if (q.level) add(`level = ?`, q.level);
  if (q.text) add(`message ILIKE ?`, `%${q.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  if (q.before) add(`l.id < ?`, q.before);
  const limit = Math.min(Math.max(q.limit ?? 100, 1), 1000);
  // Order by the column, not the text alias: "999" > "1000" as text.
  const sql = `SELECT l.id::text AS id, "requestId", "functionId", ts, level, message FROM log_lines l
    ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY l.id DESC LIMIT ${limit + 1}`;
  const { rows } = await pool.query<LogLineRow>(sql, args);
  const items = rows.slice(0, limit);
  const last = items.at(-1); // defined whenever rows.length > limit, as limit >= 1
  return { items, nextCursor: rows.length > limit && last ? last.id : null };
}
