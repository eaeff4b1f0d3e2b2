/**
 * An execution's trace: the one its caller passed (StartExecution's traceHeader, in X-Ray's or
 * W3C's form) or a new one. Kept as 32 hex (lib/traces/context.ts); every task joins it.
 */
import { randomBytes } from "node:crypto";
import { normalTraceId, parseAmznTraceId } from "@/lib/traces/context";

export function traceIdFrom(header: string | undefined, _at: Date): string {
  const given = header ? (parseAmznTraceId(header)?.traceId ?? normalTraceId(header)) : null;
  return given ?? randomBytes(16).toString("hex");
}
