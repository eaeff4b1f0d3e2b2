/**
 * Trace context as it travels: W3C `traceparent` (00-<32 hex trace>-<16 hex parent>-<flags>) and
 * X-Ray's `X-Amzn-Trace-Id` (Root=1-<8 hex>-<24 hex>;Parent=<16 hex>;Sampled=0|1), the form
 * Lambda hands functions as `_X_AMZN_TRACE_ID` and the AWS SDK sends on. Trace ids are kept in
 * W3C form (32 hex): X-Ray's is the same 128 bits with a version and a dash.
 */
export interface TraceContext {
  traceId: string;
  /** The caller's span, when it said (the new work's parent). */
  parentSpanId: string | null;
  /** The caller's sampling decision, when it made one. */
  sampled: boolean | null;
}

const HEX32 = /^[0-9a-f]{32}$/;
const HEX16 = /^[0-9a-f]{16}$/;
const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;
const XRAY_ROOT = /^1-([0-9a-f]{8})-([0-9a-f]{24})$/;

/** The context a request carries: traceparent first (the W3C standard), then X-Amzn-Trace-Id. */
export function traceFromHeaders(traceparent: unknown, amzn: unknown): TraceContext | null {
  if (typeof traceparent === "string") {
    const m = TRACEPARENT.exec(traceparent.trim());
    if (m && !/^0+$/.test(m[1]!) && !/^0+$/.test(m[2]!))
      return { traceId: m[1]!, parentSpanId: m[2]!, sampled: (Number.parseInt(m[3]!, 16) & 1) === 1 };
  }
  return typeof amzn === "string" ? parseAmznTraceId(amzn) : null;
}

export function parseAmznTraceId(header: string): TraceContext | null {
  let traceId: string | null = null;
  let parentSpanId: string | null = null;
  let sampled: boolean | null = null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === "Root") {
      const m = XRAY_ROOT.exec(value);
      if (m) traceId = m[1]! + m[2]!;
    } else if (key === "Parent" && HEX16.test(value)) parentSpanId = value;
    else if (key === "Sampled" && (value === "0" || value === "1")) sampled = value === "1";
  }
  return traceId ? { traceId, parentSpanId, sampled } : null;
}

/** X-Ray's header for a trace, its parent span and the sampling decision (what `_X_AMZN_TRACE_ID` holds). */
export function amznTraceId(traceId: string, parentSpanId: string, sampled: boolean): string {
  return `Root=${xrayTraceId(traceId)};Parent=${parentSpanId};Sampled=${sampled ? 1 : 0}`;
}

/** 32 hex → `1-<8 hex>-<24 hex>`. */
export function xrayTraceId(traceId: string): string {
  return `1-${traceId.slice(0, 8)}-${traceId.slice(8)}`;
}

/** A trace id given in either form, as 32 hex (null when it is neither). */
export function normalTraceId(id: string): string | null {
  const s = id.trim().toLowerCase();
  if (HEX32.test(s)) return s;
  const m = XRAY_ROOT.exec(s);
  return m ? m[1]! + m[2]! : null;
}

/** A new trace's id from a request id (a v4 UUID's hex is as random as a trace id needs; no extra bytes drawn). */
export function traceIdFromRequestId(requestId: string): string {
  return requestId.replaceAll("-", "");
}

/**
 * An invocation's span ids, derived (not stored) from its request id and attempt: the root
 * ("request") and the handler's, which the function's own spans hang under.
 */
export function invocationSpanIds(requestId: string, attempt: number): { request: string; handler: string } {
  const hex = requestId.replaceAll("-", "");
  const a = (attempt & 15).toString(16);
  return { request: `${hex.slice(0, 15)}${a}`, handler: `${hex.slice(16, 31)}${a}` };
}
