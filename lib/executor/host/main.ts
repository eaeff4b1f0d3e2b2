/**
 * The sandbox host: a separate process (never the server) that runs one function version's
 * instances as worker_threads. It speaks framed messages with the supervisor on fd 3, and
 * exits as soon as that pipe closes, so it cannot outlive the server.
 * Spawned as: node host.mjs <spareMemoryMb>
 */
import net from "node:net";
import { Worker } from "node:worker_threads";
import { encodeFrame, FrameReader, type AssignedFunction, type ToHost } from "../protocol";
import { runtimeError } from "../serialize-error";
import type { SerializedError } from "../types";
import type { WorkerInvoke } from "./worker";

const workerUrl = new URL("./worker.mjs", import.meta.url);
const sock = new net.Socket({ fd: 3, readable: true, writable: true });

let fn: AssignedFunction | null = null;
let spare: Instance | null = null;
const instances = new Map<number, Instance>();

interface Instance {
  worker: Worker;
  memoryMb: number;
  booted: Promise<void>;
  current: string | null;
  initialized: boolean;
  exited: boolean;
}

let corked = false;
function send(header: object, body?: Uint8Array) {
  if (!corked) {
    corked = true;
    sock.cork();
    process.nextTick(() => {
      corked = false;
      sock.uncork();
    });
  }
  sock.write(encodeFrame(header, body));
}

function boot(memoryMb: number): Instance {
  const worker = new Worker(workerUrl, {
    execArgv: [],
    stdout: true,
    stderr: true,
    resourceLimits: { maxOldGenerationSizeMb: memoryMb, maxYoungGenerationSizeMb: Math.min(32, Math.max(4, memoryMb / 8)), stackSizeMb: 4 },
  });
  worker.stdout.resume();
  worker.stderr.resume();
  let resolveBoot!: () => void;
  const inst: Instance = { worker, memoryMb, booted: new Promise((r) => (resolveBoot = r)), current: null, initialized: false, exited: false };
  worker.on("message", (m: { t: string }) => {
    if (m.t === "booted") resolveBoot();
  });
  return inst;
}

function attach(iid: number, inst: Instance) {
  instances.set(iid, inst);
  let lastError: SerializedError | undefined;
  let oom = false;
  inst.worker.on("message", (m: Record<string, unknown>) => {
    if (m.t === "result") {
      inst.current = null;
      const { body, t: _t, ...rest } = m;
      send({ ...rest, t: "result", iid }, Buffer.from(String(body)));
    } else if (m.t === "fatal") {
      lastError = m.error as SerializedError;
      if (m.logs) send({ t: "fatalLogs", iid, id: m.id, logs: m.logs });
    }
  });
  inst.worker.on("error", (err: Error & { code?: string }) => {
    if (err.code === "ERR_WORKER_OUT_OF_MEMORY") oom = true;
    lastError ??= runtimeError(err.name ?? "Error", String(err.message));
  });
  inst.worker.on("exit", (code) => {
    inst.exited = true;
    instances.delete(iid);
    send({ t: "exit", iid, code, oom, error: lastError });
  });
}

function takeInstance(iid: number): Instance {
  let inst = instances.get(iid);
  if (inst) return inst;
  const memoryMb = fn!.memoryMb;
  if (spare && spare.memoryMb === memoryMb && !spare.exited) {
    inst = spare;
    spare = null;
  } else {
    inst = boot(memoryMb);
  }
  attach(iid, inst);
  // A function that scales out gets a spare so its next cold start skips the worker boot.
  if (instances.size >= 2 && !spare) spare = boot(memoryMb);
  return inst;
}

async function onInvoke(msg: Extract<ToHost, { t: "invoke" }>, body: Buffer) {
  const inst = takeInstance(msg.iid);
  const wmsg: WorkerInvoke = { t: "invoke", id: msg.id, deadline: msg.deadline, payload: body.toString("utf8"), clientContext: msg.clientContext };
  if (!inst.initialized) {
    wmsg.init = fn!;
    inst.initialized = true;
  }
  inst.current = msg.id;
  await inst.booted;
  inst.worker.postMessage(wmsg);
}

const reader = new FrameReader((header, body) => {
  const msg = header as ToHost;
  switch (msg.t) {
    case "assign":
      fn = msg.fn;
      if (spare && spare.memoryMb !== fn.memoryMb) {
        void spare.worker.terminate();
        spare = boot(fn.memoryMb);
      }
      break;
    case "invoke":
      void onInvoke(msg, body);
      break;
    case "kill": {
      const inst = instances.get(msg.iid);
      if (inst) void inst.worker.terminate();
      else send({ t: "exit", iid: msg.iid, code: 0, oom: false });
      break;
    }
  }
});

sock.on("data", (chunk: Buffer) => {
  try {
    reader.push(chunk);
  } catch {
    process.exit(70);
  }
});
// The supervisor is gone (or closed the pipe): nothing may outlive it.
sock.on("end", () => process.exit(0));
sock.on("close", () => process.exit(0));
sock.on("error", () => process.exit(0));

const spareMb = Number(process.argv[2] ?? 128);
spare = boot(Number.isFinite(spareMb) && spareMb > 0 ? spareMb : 128);
void spare.booted.then(() => send({ t: "ready" }));
