/**
 * A workflow execution as spans, derived from its history: the execution, and each state from
 * its Entered event to its Exited one (or the execution's end). A state's parent is the state
 * still open that its events follow from (a Parallel or Map state for its branches' states).
 * Tasks' invocations join under their state by its span id (stateSpanId), which the engine passes
 * to the invocation as its parent.
 */
import { derivedSpanId } from "@/lib/traces/ids";
import type { TraceSpan } from "@/lib/traces/types";

export const executionSpanId = (executionId: string) => derivedSpanId("execution", executionId);
export const stateSpanId = (executionId: string, enteredEventId: number) =>
  derivedSpanId("state", executionId, enteredEventId);

export interface ExecutionForSpans {
  id: string;
  stateMachine: string;
  name: string;
  status: string;
  error: string | null;
  startedAt: Date;
  stoppedAt: Date | null;
}

export interface EventForSpans {
  id: number;
  previousEventId: number;
  type: string;
  timestamp: Date;
  details: Record<string, unknown> | null;
}

const FAILURE = /(Failed|TimedOut)$/;
/** How far back a walk along previousEventId goes (histories are at most 25,000 events). */
const MAX_WALK = 500;

export function workflowSpans(x: ExecutionForSpans, events: EventForSpans[], now = Date.now()): TraceSpan[] {
  const service = `workflow:${x.stateMachine}`;
  const execution = { stateMachine: x.stateMachine, name: x.name };
  const end = x.stoppedAt?.getTime() ?? now;
  const root: TraceSpan = {
    spanId: executionSpanId(x.id),
    parentSpanId: null,
    name: `${x.stateMachine} ${x.name}`,
    kind: "execution",
    service,
    startMs: x.startedAt.getTime(),
    durationMs: Math.max(0, end - x.startedAt.getTime()),
    status: x.status === "SUCCEEDED" || x.status === "RUNNING" ? "ok" : "error",
    attributes: { status: x.status, ...(x.error ? { error: x.error } : {}) },
    execution,
  };
  const byId = new Map(events.map((e) => [e.id, e]));
  const open = new Map<number, TraceSpan>(); // Entered event id → its span, while it is open
  const spans: TraceSpan[] = [root];
  /** The nearest Entered event along the chain before `from` that `accept` takes. */
  const walk = (from: number, accept: (e: EventForSpans) => boolean): EventForSpans | null => {
    let p = from;
    for (let i = 0; p > 0 && i < MAX_WALK; i++) {
      const e = byId.get(p);
      if (!e) return null;
      if (e.type.endsWith("StateEntered") && accept(e)) return e;
      p = e.previousEventId;
    }
    return null;
  };
  for (const e of events) {
    if (e.type.endsWith("StateEntered")) {
      const parent = walk(e.previousEventId, (p) => open.has(p.id));
      const span: TraceSpan = {
        spanId: stateSpanId(x.id, e.id),
        parentSpanId: parent ? open.get(parent.id)!.spanId : root.spanId,
        name: String(e.details?.name ?? e.type),
        kind: "state",
        service,
        startMs: e.timestamp.getTime(),
        durationMs: Math.max(0, end - e.timestamp.getTime()),
        status: e.type === "FailStateEntered" ? "error" : "ok",
        attributes: { type: e.type.slice(0, -"StateEntered".length) },
        execution,
      };
      open.set(e.id, span);
      spans.push(span);
    } else if (e.type.endsWith("StateExited")) {
      const name = e.details?.name;
      const entered = walk(e.previousEventId, (p) => open.has(p.id) && p.details?.name === name);
      const span = entered ? open.get(entered.id) : undefined;
      if (span) {
        span.durationMs = Math.max(0, e.timestamp.getTime() - span.startMs);
        open.delete(entered!.id);
      }
    } else if (FAILURE.test(e.type)) {
      const entered = walk(e.previousEventId, (p) => open.has(p.id));
      const span = entered ? open.get(entered.id) : undefined;
      if (span) {
        span.status = "error";
        if (typeof e.details?.error === "string") span.attributes.error = e.details.error;
      }
    }
  }
  return spans;
}
