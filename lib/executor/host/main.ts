/**
 * The sandbox host: a separate process (never the server) that runs one function version's
 * instances as worker_threads. Its main thread only manages them (start, kill, report
 * exits) over its control connection to the supervisor; invocations travel on per-instance
 * lanes straight between the supervisor and the worker. It exits as soon as the control
 * connection closes, so it cannot outlive the server.
 * Spawned as: node host.mjs <socketPath> <sandboxId> <spareMemoryMb>, token in NIMBUS_SANDBOX_TOKEN.
 * User code runs only in the workers, each under Node's permission model: read its bundle,
 * its code and tmp, write tmp; no child processes, workers, addons, WASI or inspector.
 */
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import {
  encodeFrame,
  FrameReader,
  MAX_CONTROL_FRAME_BYTES,
  type AssignedFunction,
  type StartInstance,
  type ToHost,
} from "@/lib/executor/protocol";
import { serializeError } from "@/lib/executor/serialize-error";
import { permissionFlag } from "@/lib/executor/isolation";
import { canGuard, MemoryGuard } from "@/lib/executor/host/memory-guard";
import type { SerializedError } from "@/lib/executor/types";

const [socketPath = "", sandboxId = "", spareArg] = process.argv.slice(2);
if (!socketPath || !sandboxId) throw new Error("usage: host.mjs <socketPath> <sandboxId> <spareMemoryMb>");
const token = process.env.NIMBUS_SANDBOX_TOKEN ?? "";
const codeDir = process.env.NIMBUS_SANDBOX_CODE_DIR ?? "";
const tmpDir = process.env.NIMBUS_SANDBOX_TMP_DIR ?? "";
delete process.env.NIMBUS_SANDBOX_TOKEN;
delete process.env.NIMBUS_SANDBOX_CODE_DIR;
delete process.env.NIMBUS_SANDBOX_TMP_DIR;
const workerUrl = new URL("./worker.mjs", import.meta.url);
const hostDir = path.dirname(fileURLToPath(workerUrl));
// One flag per path (the permission model does not split on commas). No --allow-worker:
// a nested worker started with a fresh execArgv would shed every restriction.
const workerExecArgv = [
  permissionFlag(Number(process.versions.node.split(".")[0])),
  `--allow-fs-read=${hostDir}`,
  ...(codeDir ? [`--allow-fs-read=${codeDir}`] : []),
  ...(tmpDir ? [`--allow-fs-read=${tmpDir}`, `--allow-fs-write=${tmpDir}`] : []),
];

let fn: AssignedFunction | null = null;
let spare: Instance | null = null;
const instances = new Map<number, Instance>();
/** Instances asked for before the function was assigned (the supervisor does not wait). */
const early: number[] = [];

interface Instance {
  worker: Worker;
  memoryMb: number;
  exited: boolean;
  /** Set by the memory guard when it ended the worker for using more than memoryMb. */
  overMb?: number;
}

const control = net.connect(socketPath);
const send = (header: object) => control.write(encodeFrame(header));
send({ t: "hello", role: "control", sandbox: sandboxId, token });

function boot(memoryMb: number): Instance {
  const worker = new Worker(workerUrl, {
    execArgv: workerExecArgv,
    stdout: true,
    stderr: true,
    // A 32 MB code range (V8 reserves far more by default): the sandbox's RLIMIT_DATA counts it, per instance.
    resourceLimits: {
      maxOldGenerationSizeMb: memoryMb,
      maxYoungGenerationSizeMb: Math.min(32, Math.max(4, memoryMb / 8)),
      stackSizeMb: 4,
      codeRangeSizeMb: 32,
    },
  });
  worker.stdout.resume();
  worker.stderr.resume();
  const inst: Instance = { worker, memoryMb, exited: false };
  worker.on("exit", () => (inst.exited = true));
  worker.on("error", () => {}); // reported per instance once attached
  return inst;
}

function attach(iid: number, inst: Instance) {
  instances.set(iid, inst);
  let lastError: SerializedError | undefined;
  let oom = false;
  inst.worker.on("error", (err: Error & { code?: string }) => {
    if (err?.code === "ERR_WORKER_OUT_OF_MEMORY") oom = true;
    lastError ??= serializeError(err);
  });
  const reportExit = (code: number) => {
    instances.delete(iid);
    if (inst.overMb !== undefined) send({ t: "exit", iid, code, oom: true, overMb: inst.overMb });
    else send({ t: "exit", iid, code, oom, error: lastError });
  };
  if (inst.exited) reportExit(1);
  else inst.worker.on("exit", reportExit);
}

function start(iid: number) {
  const memoryMb = fn!.memoryMb;
  let inst: Instance;
  if (spare && spare.memoryMb === memoryMb && !spare.exited) {
    inst = spare;
    spare = null;
  } else {
    inst = boot(memoryMb);
  }
  attach(iid, inst);
  const msg: StartInstance = { t: "start", iid, socketPath, sandbox: sandboxId, token, fn: fn! };
  inst.worker.postMessage(msg);
  // A function that scales out gets a spare, so its next cold start skips the worker boot.
  if (instances.size >= 2 && !spare) spare = boot(memoryMb);
}

const reader = new FrameReader((header) => {
  const msg = header as ToHost;
  switch (msg.t) {
    case "assign":
      fn = msg.fn;
      if (spare && spare.memoryMb !== fn.memoryMb) {
        void spare.worker.terminate();
        spare = boot(fn.memoryMb);
      }
      for (const iid of early.splice(0)) start(iid);
      break;
    case "start":
      if (typeof msg.iid !== "number") break;
      if (fn) start(msg.iid);
      else early.push(msg.iid);
      break;
    case "kill": {
      const inst = instances.get(msg.iid);
      if (inst) void inst.worker.terminate();
      break;
    }
  }
}, MAX_CONTROL_FRAME_BYTES);

control.on("data", (chunk: Buffer) => {
  try {
    reader.push(chunk);
  } catch {
    process.exit(70);
  }
});
// The supervisor is gone (or dropped us): nothing may outlive it.
control.on("end", () => process.exit(0));
control.on("close", () => process.exit(0));
control.on("error", () => process.exit(0));

const spareMb = Number(spareArg ?? 128);
spare = boot(Number.isFinite(spareMb) && spareMb > 0 ? spareMb : 128);
// Memory beyond the heap (Buffers, ArrayBuffers) counts against each instance's setting too.
if (canGuard(spare.worker)) new MemoryGuard(() => instances.values()).start();
spare.worker.once("online", () => send({ t: "ready" }));
