/**
 * One sandbox process as the supervisor sees it: the child, its private folders, its
 * instances (worker_threads inside it) and the invocations in flight. Trusted code only.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync, chmodSync } from "node:fs";
import path from "node:path";
import type net from "node:net";
import { encodeFrame, FrameReader, MAX_FRAME_BYTES, type AssignedFunction, type ResultHeader, type ToHost, type ToSupervisor } from "./protocol";
import type { CodeFile, LogEntry } from "./types";

export interface SandboxOptions {
  id: string;
  hostScript: string;
  workDir: string;
  spareMemoryMb: number;
  baseEnv: Record<string, string>;
  nodeArgs: string[];
}

export interface InstanceState {
  iid: number;
  busy: boolean;
  lastUsed: number;
  dead: boolean;
}

export interface SandboxEvents {
  onResult(sb: Sandbox, header: ResultHeader, body: Buffer): void;
  onInstanceExit(sb: Sandbox, msg: Extract<ToSupervisor, { t: "exit" }>, fatalLogs: LogEntry[]): void;
  onExit(sb: Sandbox, code: number | null, signal: NodeJS.Signals | null, stderrTail: string): void;
}

let nextIid = 1;

export class Sandbox {
  readonly id: string;
  readonly dir: string;
  readonly codeDir: string;
  readonly tmpDir: string;
  readonly child: ChildProcess;
  readonly ready: Promise<void>;
  state: "booting" | "idle" | "assigned" | "draining" | "dead" = "booting";
  /** The function version this sandbox serves, once assigned. */
  key: string | null = null;
  revision = 0;
  assigned: Promise<void> | null = null;
  readonly instances = new Map<number, InstanceState>();
  inFlight = 0;
  lastUsed = Date.now();
  private readonly pipe: net.Socket;
  private stderrTail = "";
  private corked = false;
  private readonly fatalLogs = new Map<number, LogEntry[]>();

  constructor(opts: SandboxOptions, events: SandboxEvents) {
    this.id = opts.id;
    this.dir = path.join(opts.workDir, opts.id);
    this.codeDir = path.join(this.dir, "code");
    this.tmpDir = path.join(this.dir, "tmp");
    mkdirSync(this.codeDir, { recursive: true, mode: 0o700 });
    mkdirSync(this.tmpDir, { recursive: true, mode: 0o700 });
    // A scrubbed environment: nothing of the server's (DATABASE_URL, keys) is ever in it,
    // so /proc/<pid>/environ of the sandbox holds no secret.
    const env: Record<string, string> = { ...opts.baseEnv, HOME: this.tmpDir, TMPDIR: this.tmpDir };
    this.child = spawn(process.execPath, [...opts.nodeArgs, opts.hostScript, String(opts.spareMemoryMb)], {
      cwd: this.tmpDir,
      env: env as NodeJS.ProcessEnv,
      stdio: ["ignore", "ignore", "pipe", "pipe"],
      detached: true, // own process group: the supervisor can kill everything it started
    });
    this.pipe = this.child.stdio[3] as net.Socket;
    let resolveReady!: () => void;
    this.ready = new Promise((r) => (resolveReady = r));
    const reader = new FrameReader((header, body) => {
      const msg = header as ToSupervisor;
      switch (msg.t) {
        case "ready":
          if (this.state === "booting") this.state = "idle";
          resolveReady();
          break;
        case "result":
          events.onResult(this, msg, body);
          break;
        case "fatalLogs":
          this.fatalLogs.set(msg.iid, msg.logs);
          break;
        case "exit": {
          const logs = this.fatalLogs.get(msg.iid) ?? [];
          this.fatalLogs.delete(msg.iid);
          events.onInstanceExit(this, msg, logs);
          break;
        }
      }
    });
    this.pipe.on("data", (chunk: Buffer) => {
      try {
        reader.push(chunk);
      } catch {
        // A malformed or oversized frame: the sandbox is not trustworthy any more.
        this.kill();
      }
    });
    this.pipe.on("error", () => this.kill());
    this.child.stderr!.on("data", (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString("utf8")).slice(-4096);
    });
    this.child.on("exit", (code, signal) => {
      this.state = "dead";
      resolveReady();
      events.onExit(this, code, signal, this.stderrTail);
      rmSync(this.dir, { recursive: true, force: true });
    });
    this.child.on("error", () => this.kill());
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Writes the code read-only into this sandbox's folder and hands it the function. */
  assign(key: string, revision: number, files: CodeFile[], fn: Omit<AssignedFunction, "codeDir">): void {
    for (const f of files) {
      const target = path.join(this.codeDir, f.path);
      if (!target.startsWith(this.codeDir + path.sep)) continue;
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, f.data, { mode: 0o444 });
    }
    chmodSync(this.codeDir, 0o555);
    this.key = key;
    this.revision = revision;
    this.state = "assigned";
    this.send({ t: "assign", fn: { ...fn, codeDir: this.codeDir } });
  }

  newInstance(): InstanceState {
    const inst: InstanceState = { iid: nextIid++, busy: false, lastUsed: Date.now(), dead: false };
    this.instances.set(inst.iid, inst);
    return inst;
  }

  idleInstance(): InstanceState | undefined {
    let best: InstanceState | undefined;
    for (const inst of this.instances.values()) {
      if (!inst.busy && !inst.dead && (!best || inst.lastUsed > best.lastUsed)) best = inst;
    }
    return best;
  }

  send(msg: ToHost, body?: Uint8Array): void {
    if (this.state === "dead" || !this.pipe.writable) return;
    if (body && body.byteLength > MAX_FRAME_BYTES - 4096) throw new Error("payload too large for a frame");
    if (!this.corked) {
      this.corked = true;
      this.pipe.cork();
      process.nextTick(() => {
        this.corked = false;
        this.pipe.uncork();
      });
    }
    this.pipe.write(encodeFrame(msg, body));
  }

  killInstance(iid: number): void {
    const inst = this.instances.get(iid);
    if (inst) inst.dead = true;
    this.send({ t: "kill", iid });
  }

  /** SIGKILL to the whole process group: the only stop that no user code can refuse. */
  kill(): void {
    if (this.state === "dead") return;
    const pid = this.child.pid;
    if (pid === undefined) return;
    try {
      process.kill(-pid, "SIGKILL");
    } catch {
      try {
        this.child.kill("SIGKILL");
      } catch {
        /* already gone */
      }
    }
  }

  get stderr(): string {
    return this.stderrTail;
  }
}
