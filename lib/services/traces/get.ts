/**
 * One trace, assembled: the spans of every invocation and workflow execution that joined it,
 * derived from their records (lib/traces/invocation-spans.ts, workflow-spans.ts).
 */
import { notFound } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ServiceContext } from "@/lib/services/context";
import { normalTraceId } from "@/lib/traces/context";
import { invocationSpans } from "@/lib/traces/invocation-spans";
import type { Trace, TraceSpan } from "@/lib/traces/types";
import { workflowSpans } from "@/lib/traces/workflow-spans";

/** A trace this large is cut (the console draws the first this many invocations). */
const MAX_INVOCATIONS = 2000;

export async function getTrace(ctx: ServiceContext, id: string): Promise<Trace> {
  const traceId = normalTraceId(id);
  if (!traceId) throw notFound(`No trace has the id ${id.slice(0, 80)}`);
  const [invocations, executions] = await Promise.all([
    ctx.db.invocation.findMany({
      where: { traceId, attempt: { gt: 0 } },
      orderBy: { startedAt: "asc" },
      take: MAX_INVOCATIONS,
    }),
    ctx.db.workflowExecution.findMany({
      where: { traceId },
      include: WITH_EVENTS,
    }),
  ]);
  if (!invocations.length && !executions.length) throw notFound(`No trace has the id ${traceId}`);
  const spans = invocations.flatMap((r) => invocationSpans(r));
  for (const x of executions) spans.push(...spansOfExecution(x));
  spans.sort((a, b) => a.startMs - b.startMs);
  return { traceId, spans };
}

const WITH_EVENTS = {
  stateMachine: { select: { name: true } },
  events: { orderBy: { id: "asc" } },
} as const satisfies Prisma.WorkflowExecutionInclude;
type ExecutionWithEvents = Prisma.WorkflowExecutionGetPayload<{ include: typeof WITH_EVENTS }>;

function spansOfExecution(x: ExecutionWithEvents): TraceSpan[] {
  return workflowSpans(
    { ...x, stateMachine: x.stateMachine.name },
    x.events.map((e) => ({ ...e, details: (e.details as { details?: Record<string, unknown> }).details ?? null })),
  );
}

/** A finished execution's own spans (its tasks' invocations are exported with their records). */
export async function executionSpans(ctx: ServiceContext, executionId: string): Promise<Trace | null> {
  const x = await ctx.db.workflowExecution.findUnique({ where: { id: executionId }, include: WITH_EVENTS });
  return x ? { traceId: x.traceId, spans: spansOfExecution(x) } : null;
}
