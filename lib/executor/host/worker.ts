/**
 * One function instance (a Lambda "execution environment") inside a sandbox process.
 * Boots before it knows its function, so a pre-spawned one can be assigned instantly; then
 * talks to the supervisor directly over its own lane (a connection to the supervisor socket).
 * Runs one invocation at a time. Everything it relies on is captured before user code
 * loads, so poisoned globals only hurt the function that poisoned them.
 */
import net from "node:net";
import { parentPort } from "node:worker_threads";
import { getHeapStatistics } from "node:v8";
import { performance } from "node:perf_hooks";
import { serializeError } from "@/lib/executor/serialize-error";
import { runtimeError } from "@/lib/executor/errors";
import { LogCapture, patchConsole } from "@/lib/executor/host/log-capture";
import { NetObserver } from "@/lib/executor/host/net-observer";
import { LoadError, loadHandler, type Handler } from "@/lib/executor/host/handler-loader";
import { finished } from "node:stream/promises";
import { installAwsLambdaGlobal, isStreamingHandler, ResponseStream } from "@/lib/executor/host/response-stream";
import { MAX_RESPONSE_BYTES, type SerializedError } from "@/lib/executor/types";
import {
  encodeFrame,
  FrameReader,
  type AssignedFunction,
  type InvokeFrame,
  type StartInstance,
} from "@/lib/executor/protocol";

const stringify = JSON.stringify;
const parse = JSON.parse;
const byteLength = Buffer.byteLength;
const bufferFrom = Buffer.from;
const perfNow = performance.now.bind(performance);
const dateNow = Date.now;
const then = Promise.prototype.then;
const exit = process.exit.bind(process);
const hrBig = process.hrtime.bigint;
const threadCpu = (process as { threadCpuUsage?: () => { user: number; system: number } }).threadCpuUsage?.bind(
  process,
);
const cpuUs = () => {
  const u = threadCpu?.();
  return u ? u.user + u.system : 0;
};
const hrNs = () => Number(hrBig());

// Signals are outside Node's permission model. Where no namespace or uid of its own walls a
// sandbox in (a non-root server without bubblewrap), process.kill(-1) would reach the server:
// user code may signal only its own process.
{
  const ownPid = process.pid;
  const proc = process as unknown as { _kill: (pid: number, signal: number) => number };
  const rawKill = proc._kill.bind(process);
  // process.kill() looks _kill up on every call; -1 is EPERM.
  const guarded = (pid: number, signal: number) => (Number(pid) === ownPid ? rawKill(pid, signal) : -1);
  Object.defineProperty(process, "_kill", { value: guarded, writable: false, configurable: false });
}
const MAX_INVOKE_FRAME = 7 * 1024 * 1024;

const capture = new LogCapture();
patchConsole(capture);
installAwsLambdaGlobal();
// Before user code loads, so every connection it opens is accounted for (the filter is below us).
const connections = new NetObserver();
connections.install();
const LOG_SHIP_MS = 25;
let lastShip = 0;
// The socket write is attempted at once, so lines leave even if the handler then blocks the thread.
const ship = () => {
  if (currentId === null || !lane) return;
  const now = dateNow();
  if (now - lastShip < LOG_SHIP_MS) return;
  lastShip = now;
  const conns = connections.drain();
  reply({ t: "logs", id: currentId, logs: capture.drain(), ...(conns.length ? { connections: conns } : {}) });
};
capture.onAdd = ship;
connections.onAdd = ship;

let fn: AssignedFunction | null = null;
let handler: Handler | null = null;
let lane: net.Socket | null = null;
let currentId: string | null = null;
let peakMb = 0;

function reply(header: object, body?: Uint8Array) {
  lane?.write(encodeFrame(header, body, stringify as (v: unknown) => string));
}

function memMb(): number {
  const h = getHeapStatistics();
  const mb = Math.ceil((h.total_heap_size + h.external_memory + h.malloced_memory) / 1048576);
  if (mb > peakMb) peakMb = mb;
  return peakMb;
}

// An error nobody caught ends this instance, as it ends a Lambda execution environment.
function fatal(kind: string, err: unknown) {
  const e = serializeError(err);
  capture.add("ERROR", `${kind} \t${stringify(e)}`);
  const { logs } = capture.take();
  const { connections: conns } = connections.take();
  if (lane)
    lane.end(
      encodeFrame(
        { t: "fatal", id: currentId, error: e, logs, connections: conns },
        undefined,
        stringify as (v: unknown) => string,
      ),
      () => exit(129),
    );
  else exit(129);
  setTimeout(() => exit(129), 200).unref();
}
process.on("uncaughtException", (err) => fatal("Uncaught Exception", err));
process.on("unhandledRejection", (reason) => fatal("Unhandled Promise Rejection", reason));

async function init(assigned: AssignedFunction): Promise<number> {
  const start = perfNow();
  handler = await loadHandler(assigned.codeDir, assigned.handler);
  return perfNow() - start;
}
function makeContext(msg: InvokeFrame, done: (err: unknown, value?: unknown) => void) {
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
    invokedFunctionArn: msg.invokedArn ?? f.arn,
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

function callHandler(h: Handler, event: unknown, msg: InvokeFrame): Promise<unknown> {
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
      then.call(
        result as Promise<unknown>,
        (v) => done(null, v),
        (e) => done(e ?? new Error("Promise rejected with " + String(e))),
      );
    } else if (h.length < 3 && !settled) {
      done(null, result);
    }
  });
}

/**
 * A streaming handler: `(event, responseStream, context)`. The call ends when its promise settles
 * and the stream has finished (ended for it if the handler did not); what it returns is ignored.
 */
async function callStreaming(h: Handler, event: unknown, msg: InvokeFrame): Promise<void> {
  const send = (contentType: string | undefined, chunk: Buffer) =>
    lane
      ? lane.write(encodeFrame({ t: "chunk", id: msg.id, contentType }, chunk, stringify as (v: unknown) => string))
      : true;
  const stream = new ResponseStream(send, (resume) => (lane ? lane.once("drain", resume) : resume()));
  const context = makeContext(msg, () => {});
  const result = (h as unknown as (e: unknown, s: ResponseStream, c: object) => unknown)(event, stream, context);
  if (result !== null && typeof result === "object" && typeof (result as { then?: unknown }).then === "function")
    await (result as Promise<unknown>);
  if (!stream.writableEnded) stream.end();
  await finished(stream);
}

/** A buffered handler's result, as the JSON text Invoke answers with (6 MB at most). */
async function callBuffered(h: Handler, event: unknown, msg: InvokeFrame): Promise<string> {
  const value = await callHandler(h, event, msg);
  let text: string | undefined;
  try {
    text = stringify(value);
  } catch (e) {
    throw new LoadError(
      runtimeError("Runtime.MarshalError", `Unable to stringify response body: ${(e as Error)?.message ?? e}`),
    );
  }
  const body = text === undefined ? "null" : text;
  if (body.length > MAX_RESPONSE_BYTES || byteLength(body) > MAX_RESPONSE_BYTES) {
    const size = byteLength(body);
    throw new LoadError(
      runtimeError(
        "Function.ResponseSizeTooLarge",
        `Response payload size (${size} bytes) exceeded maximum allowed payload size (${MAX_RESPONSE_BYTES} bytes).`,
      ),
    );
  }
  return body;
}

/** `readAt`: when the frame was read, if the server asked for stage stamps (InvokeFrame.st). */
async function invoke(msg: InvokeFrame, payload: Buffer, readAt: number) {
  currentId = msg.id;
  lastShip = 0; // the first line of a call leaves at once
  let initMs: number | undefined;
  let ok = false;
  let body = "null";
  let error: SerializedError | undefined;
  let invalidPayload = false;
  let streamed = false;
  let durationMs = 0;
  let handlerStart = 0;
  let handlerEnd = 0;
  let cpuStart = -1;
  try {
    if (!handler) {
      initMs = await init(fn!);
      // Init has its own budget, as on Lambda: the handler gets the whole timeout after it.
      msg.deadline += Math.ceil(initMs);
      reply({ t: "logs", id: msg.id, logs: capture.drain(), initDone: true });
    }
    let event: unknown;
    try {
      event = parse(payload.toString("utf8"));
    } catch {
      invalidPayload = true;
      throw new LoadError(runtimeError("InvalidRequestContentException", "Could not parse request body into json"));
    }
    const start = perfNow();
    cpuStart = cpuUs();
    if (readAt) handlerStart = hrNs();
    try {
      if (isStreamingHandler(handler)) {
        streamed = true;
        await callStreaming(handler!, event, msg);
        body = "";
      } else body = await callBuffered(handler!, event, msg);
      durationMs = perfNow() - start;
      if (readAt) handlerEnd = hrNs();
      ok = true;
    } finally {
      if (!durationMs) durationMs = perfNow() - start;
    }
  } catch (err) {
    error = err instanceof LoadError ? err.detail : serializeError(err);
    if (!invalidPayload) capture.add("ERROR", `Invoke Error \t${stringify(error)}`);
    body = stringify(error);
    // A module that failed to load is not retried inside this instance.
    if (!handler) setTimeout(() => exit(0), 50);
  }
  currentId = null;
  reply(
    {
      t: "result",
      id: msg.id,
      ok,
      error,
      invalidPayload,
      ...(streamed ? { streamed } : {}),
      durationMs,
      initMs,
      ...(threadCpu && cpuStart >= 0 ? { cpuMs: (cpuUs() - cpuStart) / 1000 } : {}),
      memMb: memMb(),
      ...capture.take(),
      ...connections.take(),
      ...(readAt ? { st: [readAt, handlerStart, handlerEnd, hrNs()] } : {}),
    },
    bufferFrom(body),
  );
}

function start(msg: StartInstance) {
  fn = msg.fn;
  for (const k of Object.keys(process.env)) delete process.env[k];
  Object.assign(process.env, msg.fn.env);
  const reader = new FrameReader(
    (header, body) => {
      const m = header as InvokeFrame;
      if (m.t === "invoke" && typeof m.id === "string") void invoke(m, Buffer.from(body), m.st === 1 ? hrNs() : 0);
    },
    MAX_INVOKE_FRAME,
    parse as (t: string) => unknown,
  );
  lane = net.connect(msg.socketPath);
  lane.write(
    encodeFrame(
      { t: "hello", role: "lane", sandbox: msg.sandbox, token: msg.token, iid: msg.iid },
      undefined,
      stringify as (v: unknown) => string,
    ),
  );
  lane.on("data", (chunk: Buffer) => {
    try {
      reader.push(chunk);
    } catch {
      exit(70);
    }
  });
  // The supervisor closed this lane: the instance is retired.
  lane.on("end", () => exit(0));
  lane.on("error", () => exit(0));
}

parentPort!.once("message", (msg: StartInstance) => {
  if (msg?.t === "start") start(msg);
});
