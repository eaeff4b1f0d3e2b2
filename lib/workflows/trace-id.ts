/**
 * Trace ids in X-Ray's form, `1-<8 hex: epoch seconds>-<24 hex random>`: an execution keeps the
 * one its caller passed (StartExecution's traceHeader, `Root=…`) or gets a new one.
 */
import { randomBytes } from "node:crypto";

const ROOT = /(?:^|;)\s*Root=(1-[0-9a-f]{8}-[0-9a-f]{24})/;

export function traceIdFrom(header: string | undefined, at: Date): string {
  const given = header ? ROOT.exec(header)?.[1] : undefined;
  if (given) return given;
  return `1-${Math.floor(at.getTime() / 1000)
    .toString(16)
    .padStart(8, "0")}-${randomBytes(12).toString("hex")}`;
}
