/**
 * One function instance (a Lambda "execution environment") inside a sandbox process.
 * Boots before it knows its function, so a pre-spawned one can be assigned instantly; then
 * talks to the supervisor directly over its own lane (a connection to the supervisor socket).
 * Runs one invocation at a time, or as many as its function's instance concurrency allows (each
 * in a scope of its own for its logs and connections: call-scopes.ts). Everything it relies on
 * is captured before user code loads, so poisoned globals only hurt the function that poisoned them.
 */
import net from "node:net";
import { parentPort } from "node:worker_threads";
import { getHeapStatistics } from "node:v8";
import { performance } from "node:perf_hooks";
import { serializeError } from "@/lib/executor/serialize-error";
import { runtimeError } from "@/lib/executor/errors";
import { CallScopes, type CallScope } from "@/lib/executor/host/call-scopes";
import { callBuffered, callStreaming } from "@/lib/executor/host/handler-call";
import { patchConsole } from "@/lib/executor/host/log-capture";
import { NetObserver } from "@/lib/executor/host/net-observer";
import { LoadError, loadHandler, type Handler } from "@/lib/executor/host/handler-loader";
import { installAwsLambdaGlobal, isStreamingHandler } from "@/lib/executor/host/response-stream";
import { installTraceEnv } from "@/lib/executor/host/trace-env";
import { installTracing } from "@/lib/executor/host/tracing";
import type { SerializedError } from "@/lib/executor/types";
import {
  encodeFrame,
  FrameReader,
  type AssignedFunction,
  type InvokeFrame,
  type StartInstance,
} from "@/lib/executor/protocol";

const stringify = JSON.stringify;
const parse = JSON.parse;
const bufferFrom = Buffer.from;
const concat = Buffer.concat;
const perfNow = performance.now.bind(performance);
const dateNow = Date.now;
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

const LOG_SHIP_MS = 25;
// The socket write is attempted at once, so lines leave even if the handler then blocks the thread.
const ship = (s: CallScope) => {
  if (s.id === null || !lane) return;
  const now = dateNow();
  if (now - s.lastShip < LOG_SHIP_MS) return;
  s.lastShip = now;
  const conns = s.net.drain();
  reply({ t: "logs", id: s.id, logs: s.capture.drain(), ...(conns.length ? { connections: conns } : {}) });
};
const scopes = new CallScopes(ship);
patchConsole(() => scopes.current().capture);
installAwsLambdaGlobal();
// Before user code loads, so every connection it opens is accounted for (the filter is below us).
NetObserver.install(() => scopes.current().net);
installTracing(() => {
  const s = scopes.current();
  return s.trace ? { trace: s.trace, spans: s.spans } : null;
});

let fn: AssignedFunction | null = null;
let handler: Handler | null = null;
/** The module is loading (calls that arrive meanwhile wait for the same load). */
let loading: Promise<number> | null = null;
let lane: net.Socket | null = null;
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

// An error nobody caught ends this instance (and every call it runs), as it ends a Lambda execution
// environment. The exit is armed first: poisoned globals below can at most lose the report.
function fatal(kind: string, err: unknown) {
  setTimeout(() => exit(129), 200).unref();
  const e = serializeError(err);
  const running = scopes.running();
  const frames: Buffer[] = [];
  for (const s of running.length ? running : [scopes.base]) {
    s.capture.add("ERROR", `${kind} \t${stringify(e)}`);
    const { logs } = s.capture.take();
    const { connections } = s.net.take();
    const header = { t: "fatal", id: s.id, error: e, logs, connections };
    frames.push(encodeFrame(header, undefined, stringify as (v: unknown) => string));
  }
  if (lane) lane.end(concat(frames), () => exit(129));
  else exit(129);
}
process.on("uncaughtException", (err) => fatal("Uncaught Exception", err));
process.on("unhandledRejection", (reason) => fatal("Unhandled Promise Rejection", reason));

async function init(assigned: AssignedFunction): Promise<number> {
  const start = perfNow();
  handler = await loadHandler(assigned.codeDir, assigned.handler);
  return perfNow() - start;
}

/** Loads the module for the first call (its init duration); calls that arrive meanwhile wait for it. */
async function loaded(msg: InvokeFrame): Promise<number | undefined> {
  const first = loading === null;
  loading ??= init(fn!);
  const initMs = await loading;
  // Init has its own budget, as on Lambda: the handler gets the whole timeout after it.
  msg.deadline += Math.ceil(initMs);
  return first ? initMs : undefined;
}
/** `readAt`: when the frame was read, if the server asked for stage stamps (InvokeFrame.st). */
function invoke(msg: InvokeFrame, payload: Buffer, readAt: number): Promise<void> {
  const scope = scopes.begin(msg.id, msg.tr ?? null);
  return scopes.run(scope, () => runCall(scope, msg, payload, readAt));
}

async function runCall(scope: CallScope, msg: InvokeFrame, payload: Buffer, readAt: number) {
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
  let handlerAt = 0;
  try {
    if (!handler) {
      initMs = await loaded(msg);
      if (initMs !== undefined) reply({ t: "logs", id: msg.id, logs: scope.capture.drain(), initDone: true });
    }
    let event: unknown;
    try {
      event = parse(payload.toString("utf8"));
    } catch {
      invalidPayload = true;
      throw new LoadError(runtimeError("InvalidRequestContentException", "Could not parse request body into json"));
    }
    const start = perfNow();
    if (msg.tr) handlerAt = performance.timeOrigin + start; // the clock its spans use (host/tracing.ts)
    cpuStart = cpuUs();
    if (readAt) handlerStart = hrNs();
    try {
      if (isStreamingHandler(handler)) {
        streamed = true;
        await callStreaming(fn!, lane, handler!, event, msg);
        body = "";
      } else body = await callBuffered(fn!, handler!, event, msg);
      durationMs = perfNow() - start;
      if (readAt) handlerEnd = hrNs();
      ok = true;
    } finally {
      if (!durationMs) durationMs = perfNow() - start;
    }
  } catch (err) {
    error = err instanceof LoadError ? err.detail : serializeError(err);
    if (!invalidPayload) scope.capture.add("ERROR", `Invoke Error \t${stringify(error)}`);
    body = stringify(error);
    // A module that failed to load is not retried inside this instance.
    if (!handler) setTimeout(() => exit(0), 50);
  }
  scopes.end(scope);
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
      // The thread's CPU is the call's only when it runs alone.
      ...(threadCpu && cpuStart >= 0 && !scopes.concurrent ? { cpuMs: (cpuUs() - cpuStart) / 1000 } : {}),
      memMb: memMb(),
      ...scope.capture.take(),
      ...scope.net.take(),
      ...(readAt ? { st: [readAt, handlerStart, handlerEnd, hrNs()] } : {}),
      ...(scope.spans.length ? { spans: scope.spans.splice(0) } : {}),
      ...(handlerAt ? { hs: handlerAt } : {}),
    },
    bufferFrom(body),
  );
}

function start(msg: StartInstance) {
  fn = msg.fn;
  if ((fn.concurrency ?? 1) > 1) scopes.allowConcurrent();
  for (const k of Object.keys(process.env)) delete process.env[k];
  Object.assign(process.env, msg.fn.env);
  installTraceEnv(() => scopes.current());
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
