/**
 * Recent traces, newest first: those begun by an invocation (its first attempt, with no caller's span) and those
 * of workflow executions, filtered by function, duration and errors, a page at a time.
 */
import { invalid } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ServiceContext } from "@/lib/services/context";
import type { TraceSummary } from "@/lib/traces/types";

export interface ListTracesOptions {
  functionName?: string;
  minDurationMs?: number;
  errorsOnly?: boolean;
  /** The page after this cursor (the last item's `nextCursor`). */
  cursor?: string;
  limit?: number;
}

/** A summary and where it sorts (its record's time), for the cursor. */
type Row = TraceSummary & { at: Date };

export async function listTraces(
  ctx: ServiceContext,
  o: ListTracesOptions = {},
): Promise<{ items: TraceSummary[]; nextCursor: string | null }> {
  const limit = Math.min(Math.max(o.limit ?? 50, 1), 200);
  const [at, id] = decodeCursor(o.cursor);
  const min = o.minDurationMs ?? 0;
  const fn = o.functionName ?? null;
  const errors = o.errorsOnly === true;
  const rows = await ctx.db.$queryRaw<Row[]>(Prisma.sql`
    (SELECT "startedAt" AS at, "traceId", 'Invoke ' || "functionName" AS "rootName", "functionName" AS service,
       "startedAt" - make_interval(secs => (COALESCE("queuedMs", 0) + COALESCE("frontMs", 0)) / 1000.0) AS "startedAt",
       "durationMs" + COALESCE("initDurationMs", 0) + COALESCE("queuedMs", 0) + COALESCE("frontMs", 0) AS "durationMs",
       (2 + ("queuedMs" > 0)::int + ("initDurationMs" > 0)::int + ("frontMs" > 0)::int
         + COALESCE(jsonb_array_length(spans), 0))::int AS "spanCount",
       outcome <> 'Success' AS error
     FROM invocations
     WHERE "traceId" IS NOT NULL AND "parentSpanId" IS NULL AND attempt = 1
       AND ("startedAt", "traceId") < (${at}, ${id})
       AND (${fn}::text IS NULL OR "functionName" = ${fn})
       AND "durationMs" + COALESCE("initDurationMs", 0) >= ${min}
       AND (NOT ${errors} OR outcome <> 'Success')
     ORDER BY "startedAt" DESC, "traceId" DESC LIMIT ${limit})
    UNION ALL
    (SELECT x."startedAt", x."traceId", m.name || ' ' || x.name, 'workflow:' || m.name, x."startedAt",
       EXTRACT(EPOCH FROM (COALESCE(x."stoppedAt", now()) - x."startedAt")) * 1000,
       GREATEST(1, x."nextEventId" / 2)::int, x.status NOT IN ('RUNNING', 'SUCCEEDED')
     FROM workflow_executions x JOIN state_machines m ON m.id = x."stateMachineId"
     WHERE ${fn}::text IS NULL AND (x."startedAt", x."traceId") < (${at}, ${id})
       AND EXTRACT(EPOCH FROM (COALESCE(x."stoppedAt", now()) - x."startedAt")) * 1000 >= ${min}
       AND (NOT ${errors} OR x.status NOT IN ('RUNNING', 'SUCCEEDED'))
     ORDER BY x."startedAt" DESC, x."traceId" DESC LIMIT ${limit})
    ORDER BY at DESC, "traceId" DESC LIMIT ${limit + 1}`);
  const items = rows.slice(0, limit).map(({ at: _at, ...r }) => ({ ...r, durationMs: Number(r.durationMs) }));
  const last = rows.length > limit ? rows[limit - 1]! : null;
  return { items, nextCursor: last ? `${last.at.toISOString()}~${last.traceId}` : null };
}

/** A cursor is the last row's sort key: its record's time and trace id; none: from the newest. */
function decodeCursor(cursor: string | undefined): [Date, string] {
  if (!cursor) return [new Date("9999-01-01T00:00:00Z"), ""];
  const [time, id] = cursor.split("~");
  const at = new Date(time ?? "");
  if (Number.isNaN(at.getTime()) || !id) throw invalid("cursor is not valid: pass the nextCursor of the previous page");
  return [at, id];
}
