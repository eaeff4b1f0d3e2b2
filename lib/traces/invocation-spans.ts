/**
 * An invocation as spans, derived from its record: the call from its arrival to its end, and in
 * it the front (signature, body, resolve, admission), the wait for a busy instance, a cold start's
 * Init and the handler — under which the function's own spans hang.
 */
import type { UserSpan } from "@/lib/executor/types";
import { invocationSpanIds } from "@/lib/traces/context";
import { derivedSpanId } from "@/lib/traces/ids";
import type { TraceSpan } from "@/lib/traces/types";

export interface InvocationForSpans {
  requestId: string;
  attempt: number;
  functionName: string;
  version: string;
  trigger: string;
  startedAt: Date;
  durationMs: number;
  initDurationMs: number | null;
  queuedMs: number | null;
  frontMs: number | null;
  outcome: string;
  errorType: string | null;
  errorMessage: string | null;
  parentSpanId: string | null;
  spans: unknown;
}

export function invocationSpans(r: InvocationForSpans): TraceSpan[] {
  const ids = invocationSpanIds(r.requestId, r.attempt);
  const start = r.startedAt.getTime();
  const init = r.initDurationMs ?? 0;
  const queued = r.queuedMs ?? 0;
  const front = r.frontMs ?? 0;
  const handlerStart = start + init;
  const end = handlerStart + r.durationMs;
  const failed = r.outcome !== "Success";
  const base = { service: r.functionName, requestId: r.requestId, functionName: r.functionName };
  const span = (name: string, kind: TraceSpan["kind"], from: number, to: number, id?: string): TraceSpan => ({
    ...base,
    spanId: id ?? derivedSpanId(ids.request, name),
    parentSpanId: ids.request,
    name,
    kind,
    startMs: from,
    durationMs: Math.max(0, to - from),
    status: "ok",
    attributes: {},
  });
  const root: TraceSpan = {
    ...span(`Invoke ${r.functionName}`, "request", start - queued - front, end, ids.request),
    parentSpanId: r.parentSpanId,
    status: failed ? "error" : "ok",
    attributes: {
      trigger: r.trigger,
      version: r.version,
      outcome: r.outcome,
      attempt: r.attempt,
      ...(r.errorType ? { "error.type": r.errorType } : {}),
    },
  };
  const out = [root];
  if (front > 0) out.push(span("Receive, admit, place", "request", start - queued - front, start - queued));
  if (queued > 0) out.push(span("Wait for an instance", "queue", start - queued, start));
  if (init > 0) out.push(span("Init", "init", start, handlerStart));
  const handler = span("Handler", "handler", handlerStart, end, ids.handler);
  if (failed) {
    handler.status = "error";
    if (r.errorType) handler.attributes["error.type"] = r.errorType;
    if (r.errorMessage) handler.attributes["error.message"] = r.errorMessage.slice(0, 500);
  }
  out.push(handler);
  for (const u of Array.isArray(r.spans) ? (r.spans as UserSpan[]) : [])
    out.push({
      ...base,
      spanId: u.i,
      parentSpanId: u.p,
      name: u.n,
      kind: "user",
      startMs: u.s,
      durationMs: u.d,
      status: u.e ? "error" : "ok",
      attributes: { ...(u.a ?? {}), ...(u.e ? { "status.message": u.e } : {}) },
    });
  return out;
}

/** A record as the writer holds it (before it is a row), as spans: for export. */
export function recordSpans(r: {
  requestId: string;
  attempt: number;
  functionName: string;
  version: string;
  trigger: string;
  startedAt: number;
  durationMs: number;
  initDurationMs: number | null;
  queuedMs?: number | null;
  frontMs?: number | null;
  outcome: string;
  errorType: string | null;
  errorMessage: string | null;
  parentSpanId?: string | null;
  spans?: string | null;
}): TraceSpan[] {
  return invocationSpans({
    ...r,
    startedAt: new Date(r.startedAt),
    queuedMs: r.queuedMs ?? null,
    frontMs: r.frontMs ?? null,
    parentSpanId: r.parentSpanId ?? null,
    spans: r.spans ? JSON.parse(r.spans) : null,
  });
}
