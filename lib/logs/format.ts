/**
 * Log lines in the AWS Lambda Node runtime's text format:
 *   <iso time>\t<requestId>\t<LEVEL>\t<message>
 * framed by START / END / REPORT lines that the platform (here: the server) writes.
 */
import type { InvokeResult, LogEntry } from "@/lib/executor/types";

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

export function reportLine(
  r: Pick<
    InvokeResult,
    | "requestId"
    | "durationMs"
    | "billedDurationMs"
    | "memorySizeMb"
    | "maxMemoryUsedMb"
    | "initDurationMs"
    | "queuedMs"
    | "outcome"
    | "error"
  >,
): string {
  let line =
    `REPORT RequestId: ${r.requestId}\tDuration: ${ms(r.durationMs)} ms\tBilled Duration: ${r.billedDurationMs} ms\t` +
    `Memory Size: ${r.memorySizeMb} MB\tMax Memory Used: ${r.maxMemoryUsedMb} MB`;
  if (r.initDurationMs !== undefined) line += `\tInit Duration: ${ms(r.initDurationMs)} ms`;
  // Not in Lambda's REPORT: the wait for a busy instance (lib/executor/queueing.ts), when there was one.
  if (r.queuedMs) line += `\tQueued: ${r.queuedMs} ms`;
  if (r.outcome === "Timeout") line += `\tStatus: timeout`;
  else if (r.outcome === "OutOfMemory" || r.outcome === "Crash")
    line += `\tStatus: error\tError Type: ${r.error?.errorType ?? "Runtime.ExitError"}`;
  return line;
}

/** What the platform lines are made from: an invocation record or a fresh result. */
export type InvocationSummary = Pick<
  InvokeResult,
  | "requestId"
  | "startedAt"
  | "durationMs"
  | "billedDurationMs"
  | "memorySizeMb"
  | "maxMemoryUsedMb"
  | "initDurationMs"
  | "queuedMs"
  | "outcome"
  | "error"
>;

/**
 * The full log of one invocation, in order. Only the function's own lines are stored;
 * START, END, REPORT and the timeout notice are derived from the invocation record, so a
 * quiet invocation writes no log rows at all.
 */
export function invocationLines(r: InvocationSummary, userLines: readonly LogEntry[], version: string): StoredLine[] {
  const start = r.startedAt;
  const end = start + r.durationMs;
  const lines: StoredLine[] = [{ ts: start, level: "SYSTEM", message: startLine(r.requestId, version) }];
  for (const l of userLines) lines.push(l);
  if (r.outcome === "Timeout")
    lines.push({
      ts: end,
      level: "SYSTEM",
      message:
        `${new Date(end).toISOString()} ${r.requestId} Task timed out after ` +
        `${(r.durationMs / 1000).toFixed(2)} seconds`,
    });
  lines.push(
    { ts: end, level: "SYSTEM", message: endLine(r.requestId) },
    { ts: end, level: "SYSTEM", message: reportLine(r) },
  );
  return lines;
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
