/**
 * Log lines in the AWS Lambda Node runtime's text format:
 *   <iso time>\t<requestId>\t<LEVEL>\t<message>
 * framed by START / END / REPORT lines that the platform (here: the server) writes.
 */
import type { InvokeResult, LogEntry } from "../executor/types";

export type StoredLevel = LogEntry["level"] | "SYSTEM";

export interface StoredLine {
  ts: number;
  level: StoredLevel;
  message: string;
}

const ms = (n: number) => (Math.round(n * 100) / 100).toFixed(2);

export function startLine(requestId: string, version: string): string {
  return `START RequestId: ${requestId} Version: ${version}`;
}

export function endLine(requestId: string): string {
  return `END RequestId: ${requestId}`;
}

export function reportLine(r: Pick<InvokeResult, "requestId" | "durationMs" | "billedDurationMs" | "memorySizeMb" | "maxMemoryUsedMb" | "initDurationMs" | "outcome" | "error">): string {
  let line = `REPORT RequestId: ${r.requestId}\tDuration: ${ms(r.durationMs)} ms\tBilled Duration: ${r.billedDurationMs} ms\tMemory Size: ${r.memorySizeMb} MB\tMax Memory Used: ${r.maxMemoryUsedMb} MB`;
  if (r.initDurationMs !== undefined) line += `\tInit Duration: ${ms(r.initDurationMs)} ms`;
  if (r.outcome === "Timeout") line += `\tStatus: timeout`;
  else if (r.outcome === "OutOfMemory" || r.outcome === "Crash") line += `\tStatus: error\tError Type: ${r.error?.errorType ?? "Runtime.ExitError"}`;
  return line;
}

/** The full log of one invocation, in order, as stored and shown. */
export function invocationLines(r: InvokeResult, version: string): StoredLine[] {
  const start = r.startedAt;
  const end = start + r.durationMs;
  return [
    { ts: start, level: "SYSTEM", message: startLine(r.requestId, version) },
    ...r.logs.map((l) => ({ ts: l.ts, level: l.level, message: l.message })),
    { ts: end, level: "SYSTEM", message: endLine(r.requestId) },
    { ts: end, level: "SYSTEM", message: reportLine(r) },
  ];
}

/** One stored line as text, the way CloudWatch shows it. */
export function renderLine(line: StoredLine, requestId: string): string {
  if (line.level === "SYSTEM") return line.message;
  return `${new Date(line.ts).toISOString()}\t${requestId}\t${line.level}\t${line.message}`;
}

/** X-Amz-Log-Result: the last 4 KB of the invocation's log, base64. */
export function tailBase64(lines: StoredLine[], requestId: string, maxBytes = 4096): string {
  const text = Buffer.from(lines.map((l) => renderLine(l, requestId)).join("\n") + "\n", "utf8");
  return (text.length > maxBytes ? text.subarray(text.length - maxBytes) : text).toString("base64");
}
