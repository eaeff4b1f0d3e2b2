/**
 * One trace, assembled: the spans of every invocation and workflow execution that joined it,
 * derived from their records (lib/traces/invocation-spans.ts, workflow-spans.ts).
 */
import { notFound } from "@/lib/errors";
import type { ServiceContext } from "@/lib/services/context";
import { normalTraceId } from "@/lib/traces/context";
import { invocationSpans } from "@/lib/traces/invocation-spans";
import type { Trace } from "@/lib/traces/types";
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
      include: { stateMachine: { select: { name: true } }, events: { orderBy: { id: "asc" } } },
    }),
  ]);
  if (!invocations.length && !executions.length) throw notFound(`No trace has the id ${traceId}`);
  const spans = invocations.flatMap((r) => invocationSpans(r));
  for (const x of executions)
    spans.push(
      ...workflowSpans(
        { ...x, stateMachine: x.stateMachine.name },
        x.events.map((e) => ({ ...e, details: (e.details as { details?: Record<string, unknown> }).details ?? null })),
      ),
    );
  spans.sort((a, b) => a.startMs - b.startMs);
  return { traceId, spans };
}
