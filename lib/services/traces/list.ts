/**
 * Recent traces, newest first: those begun by an invocation (with no caller's span) and those
 * of workflow executions, filtered by function, duration and errors, a page at a time.
 */
import { Prisma } from "@/lib/generated/prisma/client";
import type { ServiceContext } from "@/lib/services/context";
import type { TraceSummary } from "@/lib/traces/types";

export interface ListTracesOptions {
  functionName?: string;
  minDurationMs?: number;
  errorsOnly?: boolean;
  /** The page before this time (the last item's startedAt). */
  before?: Date;
  limit?: number;
}

interface Row {
  traceId: string;
  rootName: string;
  service: string;
  startedAt: Date;
  durationMs: number;
  spanCount: number;
  error: boolean;
}

export async function listTraces(
  ctx: ServiceContext,
  o: ListTracesOptions = {},
): Promise<{ items: TraceSummary[]; nextCursor: string | null }> {
  const limit = Math.min(Math.max(o.limit ?? 50, 1), 200);
  const before = o.before ?? new Date(Date.now() + 60_000);
  const min = o.minDurationMs ?? 0;
  const fn = o.functionName ?? null;
  const errors = o.errorsOnly === true;
  const rows = await ctx.db.$queryRaw<Row[]>(Prisma.sql`
    (SELECT "traceId", 'Invoke ' || "functionName" AS "rootName", "functionName" AS service,
       "startedAt" - make_interval(secs => (COALESCE("queuedMs", 0) + COALESCE("frontMs", 0)) / 1000.0) AS "startedAt",
       "durationMs" + COALESCE("initDurationMs", 0) + COALESCE("queuedMs", 0) + COALESCE("frontMs", 0) AS "durationMs",
       (2 + COALESCE(jsonb_array_length(spans), 0))::int AS "spanCount", outcome <> 'Success' AS error
     FROM invocations
     WHERE "traceId" IS NOT NULL AND "parentSpanId" IS NULL AND attempt > 0 AND "startedAt" < ${before}
       AND (${fn}::text IS NULL OR "functionName" = ${fn})
       AND "durationMs" + COALESCE("initDurationMs", 0) >= ${min}
       AND (NOT ${errors} OR outcome <> 'Success')
     ORDER BY "startedAt" DESC LIMIT ${limit})
    UNION ALL
    (SELECT x."traceId", m.name || ' ' || x.name, 'workflow:' || m.name, x."startedAt",
       EXTRACT(EPOCH FROM (COALESCE(x."stoppedAt", now()) - x."startedAt")) * 1000,
       GREATEST(1, x."nextEventId" / 2)::int, x.status NOT IN ('RUNNING', 'SUCCEEDED')
     FROM workflow_executions x JOIN state_machines m ON m.id = x."stateMachineId"
     WHERE ${fn}::text IS NULL AND x."startedAt" < ${before}
       AND EXTRACT(EPOCH FROM (COALESCE(x."stoppedAt", now()) - x."startedAt")) * 1000 >= ${min}
       AND (NOT ${errors} OR x.status NOT IN ('RUNNING', 'SUCCEEDED'))
     ORDER BY x."startedAt" DESC LIMIT ${limit})
    ORDER BY "startedAt" DESC LIMIT ${limit + 1}`);
  const items = rows.slice(0, limit).map((r) => ({ ...r, durationMs: Number(r.durationMs) }));
  return { items, nextCursor: rows.length > limit ? items.at(-1)!.startedAt.toISOString() : null };
}
