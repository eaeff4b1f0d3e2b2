/**
 * How an invocation ends, as an InvokeResult: the instance's reply (checked — the instance is
 * user code and can forge its frames), a failure the supervisor decides (deadline, no sandbox),
 * or a crash — the instance or its whole sandbox process died — which is one path whichever
 * of the two it was: out of memory, or Runtime.ExitError with what is known of the cause.
 */
import { checkedSpans } from "@/lib/executor/user-spans";
import { isInitFailure, runtimeError } from "@/lib/executor/errors";
import type { LogBudget } from "@/lib/executor/log-budget";
import { admitLines } from "@/lib/executor/log-budget";
import type { ResultFrame } from "@/lib/executor/protocol";
import { untrustedError } from "@/lib/executor/serialize-error";
import { stageTimesOn } from "@/lib/stage-times";
import {
  MAX_RESPONSE_BYTES,
  type FunctionSpec,
  type InvokeRequest,
  type InvokeResult,
  type LogEntry,
  type SerializedError,
} from "@/lib/executor/types";

const MAX_INT32 = 2 ** 31 - 1;

/** What is known of a call in flight when it ends. */
export interface CallState {
  spec: FunctionSpec;
  req: InvokeRequest;
  startedAt: number;
  cold: boolean;
  /** Lines shipped during the call, admitted against `budget`. */
  logs: LogEntry[];
  budget: LogBudget;
}

/** An outcome the supervisor decides without a reply from the instance. */
export function failure(
  spec: FunctionSpec,
  req: InvokeRequest,
  startedAt: number,
  outcome: InvokeResult["outcome"],
  error: SerializedError,
  durationMs = Date.now() - startedAt,
  logs: LogEntry[] = [],
): InvokeResult {
  return {
    requestId: req.requestId,
    outcome,
    payload: Buffer.from(JSON.stringify(error)),
    error,
    startedAt,
    durationMs,
    billedDurationMs: Math.max(1, Math.ceil(durationMs)),
    memorySizeMb: spec.memoryMb,
    maxMemoryUsedMb: outcome === "OutOfMemory" ? spec.memoryMb : 0,
    logs,
    logBytes: 0,
    logTruncated: false,
  };
}

/** The instance's reply, made into a result; `initFailed` says the instance must not be reused. */
export function fromReply(c: CallState, h: ResultFrame, body: Buffer): { result: InvokeResult; initFailed: boolean } {
  admitLines(h.logs, c.budget, c.logs);
  const logTruncated = h.logTruncated === true || c.budget.truncated;
  if (c.budget.truncated && h.logTruncated !== true) c.logs.push(c.budget.marker());
  const durationMs = Number.isFinite(h.durationMs) ? Math.max(0, h.durationMs) : Date.now() - c.startedAt;
  let outcome: InvokeResult["outcome"] = h.ok ? "Success" : "Error";
  let payload = body;
  let error = h.ok ? undefined : untrustedError(h.error ?? null);
  if (body.byteLength > MAX_RESPONSE_BYTES) {
    outcome = "Error";
    error = runtimeError(
      "Function.ResponseSizeTooLarge",
      `Response payload size (${body.byteLength} bytes) exceeded maximum allowed payload size ` +
        `(${MAX_RESPONSE_BYTES} bytes).`,
    );
    payload = Buffer.from(JSON.stringify(error));
  }
  const initFailed = !h.ok && !h.invalidPayload && error !== undefined && isInitFailure(error);
  const result: InvokeResult = {
    requestId: c.req.requestId,
    outcome,
    payload,
    error,
    invalidPayload: h.invalidPayload === true,
    startedAt: c.startedAt,
    durationMs,
    billedDurationMs: Math.max(1, Math.ceil(durationMs)),
    initDurationMs: c.cold && typeof h.initMs === "number" ? h.initMs : undefined,
    memorySizeMb: c.spec.memoryMb,
    maxMemoryUsedMb: Math.min(c.spec.memoryMb, Math.max(1, Number(h.memMb) || 1)),
    logs: c.logs,
    logBytes: Math.max(c.budget.written, Math.min(Number(h.logBytes) || 0, MAX_INT32)),
    logTruncated,
  };
  // Untrusted: a function can only misreport itself into or out of the CPU gate's turns, which are
  // about throughput, not isolation (out of them it runs as every call did before the gate).
  if (typeof h.cpuMs === "number" && Number.isFinite(h.cpuMs) && h.cpuMs >= 0) result.cpuMs = h.cpuMs;
  // A cold call's handler starts after its sandbox and Init: where the instance says, if that is plausible.
  if (typeof h.hs === "number" && h.hs >= c.startedAt && h.hs <= Date.now() + 5)
    result.startedAt = h.hs - (result.initDurationMs ?? 0);
  if (h.spans !== undefined && c.req.trace?.s === 1) {
    const spans = checkedSpans(h.spans);
    if (spans.length) result.spans = spans;
  }
  // The stamps come from the instance, untrusted like the rest of the frame: only kept while measuring.
  if (stageTimesOn && Array.isArray(h.st)) result.stages = h.st;
  return { result, initFailed };
}

/** The call's deadline passed. */
export function timedOut(c: CallState): InvokeResult {
  const secs = (c.spec.timeoutMs / 1000).toFixed(2);
  const error = runtimeError(
    "Sandbox.Timedout",
    `RequestId: ${c.req.requestId} Error: Task timed out after ${secs} seconds`,
  );
  return failure(c.spec, c.req, c.startedAt, "Timeout", error, c.spec.timeoutMs, c.logs);
}

/**
 * The instance or its whole sandbox died during the call. `detail` says how (the uncaught
 * error, an exit status or a signal); `fatalLogs` are the lines the instance sent as it went.
 */
export function crashed(c: CallState, oom: boolean, detail: string, fatalLogs?: unknown): InvokeResult {
  if (fatalLogs !== undefined) admitLines(fatalLogs, c.budget, c.logs);
  const error = oom
    ? runtimeError("Runtime.OutOfMemory", `RequestId: ${c.req.requestId} Error: Runtime exited with error: ${detail}`)
    : runtimeError("Runtime.ExitError", `RequestId: ${c.req.requestId} Error: Runtime exited with error: ${detail}`);
  return failure(c.spec, c.req, c.startedAt, oom ? "OutOfMemory" : "Crash", error, undefined, c.logs);
}

/** How an instance's exit reads: its uncaught error when it reported one, else the exit status. */
export function describeExit(code: number, error?: SerializedError): string {
  if (error?.errorType) return `${error.errorType}: ${error.errorMessage}`.slice(0, 1000);
  return `exit status ${code}`;
}

/** V8's and the worker's ways of saying a sandbox ran out of memory, in its stderr. */
export function stderrSaysOutOfMemory(stderr: string): boolean {
  return /out of memory|heap limit|ERR_WORKER_OUT_OF_MEMORY|Allocation failed/i.test(stderr);
}
