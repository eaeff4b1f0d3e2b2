/**
 * One function instance (a Lambda "execution environment") inside a sandbox process.
 * Boots before it knows its function, so a pre-spawned one can be assigned instantly.
 * Runs one invocation at a time. Everything it relies on is captured before user code
 * loads, so poisoned globals only hurt the function that poisoned them.
 */
import { parentPort } from "node:worker_threads";
import { getHeapStatistics } from "node:v8";
import { performance } from "node:perf_hooks";
import { serializeError, runtimeError } from "../serialize-error";
import { LogCapture, patchConsole } from "./log-capture";
import { LoadError, loadHandler, type Handler } from "./handler-loader";
import { MAX_RESPONSE_BYTES, type SerializedError } from "../types";
import type { AssignedFunction } from "../protocol";

const port = parentPort!;
const post = port.postMessage.bind(port);
const stringify = JSON.stringify;
const parse = JSON.parse;
const byteLength = Buffer.byteLength;
const perfNow = performance.now.bind(performance);
const dateNow = Date.now;
const then = Promise.prototype.then;
const exit = process.exit.bind(process);

export interface WorkerInvoke {
  t: "invoke";
  id: string;
  deadline: number;
  payload: string;
  clientContext?: string;
  init?: AssignedFunction;
}

const capture = new LogCapture();
patchConsole(capture);

let fn: AssignedFunction | null = null;
let handler: Handler | null = null;
let currentId: string | null = null;
let peakMb = 0;

function memMb(): number {
  const h = getHeapStatistics();
  const mb = Math.ceil((h.total_heap_size + h.external_memory + h.malloced_memory) / 1048576);
  if (mb > peakMb) peakMb = mb;
  return peakMb;
}

function logLine(level: "ERROR", message: string) {
  capture.add(level, message);
}

// An error nobody caught ends this instance, as it ends a Lambda execution environment.
function fatal(kind: string, err: unknown) {
  const e = serializeError(err);
  logLine("ERROR", `${kind} \t${stringify(e)}`);
  post({ t: "fatal", id: currentId, error: e, ...capture.take() });
  exit(129);
}
process.on("uncaughtException", (err) => fatal("Uncaught Exception", err));
process.on("unhandledRejection", (reason) => fatal("Unhandled Promise Rejection", reason));

async function init(assigned: AssignedFunction): Promise<number> {
  fn = assigned;
  for (const k of Object.keys(process.env)) delete process.env[k];
  Object.assign(process.env, assigned.env);
  const start = perfNow();
  handler = await loadHandler(assigned.codeDir, assigned.handler);
  return perfNow() - start;
}

function makeContext(msg: WorkerInvoke, done: (err: unknown, value?: unknown) => void) {
  const f = fn!;
  let clientContext: unknown;
  try {
    clientContext = msg.clientContext ? parse(Buffer.from(msg.clientContext, "base64").toString("utf8")) : undefined;
  } catch {
    clientContext = undefined;
  }
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: f.functionName,
    functionVersion: f.version,
    invokedFunctionArn: f.arn,
    memoryLimitInMB: String(f.memoryMb),
    awsRequestId: msg.id,
    logGroupName: f.logGroupName,
    logStreamName: f.env.AWS_LAMBDA_LOG_STREAM_NAME ?? "",
    clientContext,
    identity: undefined,
    getRemainingTimeInMillis: () => Math.max(0, msg.deadline - dateNow()),
    done: (err?: unknown, value?: unknown) => done(err ?? null, value),
    succeed: (value?: unknown) => done(null, value),
    fail: (err?: unknown) => done(err ?? new Error("handled")),
  };
}

function callHandler(h: Handler, event: unknown, msg: WorkerInvoke): Promise<unknown> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const done = (err: unknown, value?: unknown) => {
      if (settled) return;
      settled = true;
      if (err !== null && err !== undefined) reject(err);
      else resolve(value);
    };
    const context = makeContext(msg, done);
    const result = h(event, context, done);
    if (result !== null && typeof result === "object" && typeof (result as { then?: unknown }).then === "function") {
      then.call(result as Promise<unknown>, (v) => done(null, v), (e) => done(e ?? new Error("Promise rejected with " + String(e))));
    } else if (h.length < 3 && !settled) {
      done(null, result);
    }
  });
}

async function invoke(msg: WorkerInvoke) {
  currentId = msg.id;
  let initMs: number | undefined;
  let ok = false;
  let body = "null";
  let error: SerializedError | undefined;
  let invalidPayload = false;
  let durationMs = 0;
  try {
    if (msg.init && !handler) initMs = await init(msg.init);
    let event: unknown;
    try {
      event = parse(msg.payload);
    } catch {
      invalidPayload = true;
      throw new LoadError(runtimeError("InvalidRequestContentException", "Could not parse request body into json"));
    }
    const start = perfNow();
    try {
      const value = await callHandler(handler!, event, msg);
      durationMs = perfNow() - start;
      let text: string | undefined;
      try {
        text = stringify(value);
      } catch (e) {
        throw new LoadError(runtimeError("Runtime.MarshalError", `Unable to stringify response body: ${(e as Error)?.message ?? e}`));
      }
      body = text === undefined ? "null" : text;
      if (body.length > MAX_RESPONSE_BYTES || byteLength(body) > MAX_RESPONSE_BYTES) {
        const size = byteLength(body);
        body = "null";
        throw new LoadError(runtimeError("Function.ResponseSizeTooLarge", `Response payload size (${size} bytes) exceeded maximum allowed payload size (${MAX_RESPONSE_BYTES} bytes).`));
      }
      ok = true;
    } finally {
      if (!durationMs) durationMs = perfNow() - start;
    }
  } catch (err) {
    error = err instanceof LoadError ? err.detail : serializeError(err);
    if (!invalidPayload) logLine("ERROR", `Invoke Error \t${stringify(error)}`);
    body = stringify(error);
    // A module that failed to load is not retried inside this instance.
    if (!handler) setTimeout(() => exit(0), 0);
  }
  currentId = null;
  post({ t: "result", id: msg.id, ok, body, error, invalidPayload, durationMs, initMs, memMb: memMb(), ...capture.take() });
}

port.on("message", (msg: WorkerInvoke) => {
  if (msg.t === "invoke") void invoke(msg);
});
post({ t: "booted" });
