/**
 * One sandbox process as the supervisor sees it: the child, its private folders, its
 * control pipe, its lanes (one pipe per instance, used once) and its instances.
 * Trusted code only.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type net from "node:net";
import {
  encodeFrame, FIRST_LANE_FD, FrameReader, MAX_CONTROL_FRAME_BYTES, MAX_LANE_FRAME_BYTES,
  type AssignedFunction, type FatalFrame, type FromHost, type InvokeFrame, type ResultFrame, type ToHost,
} from "./protocol";
import type { CodeFile } from "./types";

export interface SandboxOptions {
  id: string;
  hostScript: string;
  workDir: string;
  spareMemoryMb: number;
  baseEnv: Record<string, string>;
  nodeArgs: string[];
  /** Lanes = instances this process can ever start; then it is replaced. */
  lanes: number;
}

export interface InstanceState {
  iid: number;
  lane: number;
  busy: boolean;
  lastUsed: number;
  dead: boolean;
}

export interface SandboxEvents {
  onResult(sb: Sandbox, inst: InstanceState, header: ResultFrame, body: Buffer): void;
  onFatal(sb: Sandbox, inst: InstanceState, frame: FatalFrame): void;
  onInstanceExit(sb: Sandbox, msg: Extract<FromHost, { t: "exit" }>): void;
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
  private readonly control: net.Socket;
  private readonly lanes: net.Socket[];
  private nextLane = 0;
  private stderrTail = "";

  constructor(opts: SandboxOptions, private readonly events: SandboxEvents) {
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
      stdio: ["ignore", "ignore", "pipe", "pipe", ...Array<"pipe">(opts.lanes).fill("pipe")],
      detached: true, // own process group: the supervisor can kill everything it started
    });
    this.control = this.child.stdio[3] as net.Socket;
    this.lanes = Array.from({ length: opts.lanes }, (_, i) => this.child.stdio[FIRST_LANE_FD + i] as net.Socket);
    let resolveReady!: () => void;
    this.ready = new Promise((r) => (resolveReady = r));
    const reader = new FrameReader((header) => {
      const msg = header as FromHost;
      if (msg.t === "ready") {
        if (this.state === "booting") this.state = "idle";
        resolveReady();
      } else if (msg.t === "exit" && typeof msg.iid === "number") {
        events.onInstanceExit(this, msg);
      }
    }, MAX_CONTROL_FRAME_BYTES);
    this.control.on("data", (chunk: Buffer) => {
      try {
        reader.push(chunk);
      } catch {
        this.kill(); // a malformed or oversized frame: the sandbox is not trustworthy any more
      }
    });
    this.control.on("error", () => this.kill());
    for (const lane of this.lanes) lane.on("error", () => {}); // a lane closes when its instance ends
    this.child.stderr!.on("data", (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString("utf8")).slice(-4096);
    });
    this.child.on("exit", (code, signal) => {
      this.state = "dead";
      resolveReady();
      for (const lane of this.lanes) lane.destroy();
      events.onExit(this, code, signal, this.stderrTail);
      rmSync(this.dir, { recursive: true, force: true });
    });
    this.child.on("error", () => this.kill());
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get lanesLeft(): number {
    return this.lanes.length - this.nextLane;
  }

  get liveInstances(): number {
    let n = 0;
    for (const i of this.instances.values()) if (!i.dead) n++;
    return n;
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
    this.sendControl({ t: "assign", fn: { ...fn, codeDir: this.codeDir } });
  }

  /** Starts an instance on the next unused lane (callers check lanesLeft first). */
  newInstance(): InstanceState {
    const inst: InstanceState = { iid: nextIid++, lane: this.nextLane++, busy: false, lastUsed: Date.now(), dead: false };
    this.instances.set(inst.iid, inst);
    const lane = this.lanes[inst.lane];
    const reader = new FrameReader((header, body) => {
      const h = header as ResultFrame | FatalFrame;
      if (h.t === "result") this.events.onResult(this, inst, h, body);
      else if (h.t === "fatal") this.events.onFatal(this, inst, h);
    }, MAX_LANE_FRAME_BYTES);
    lane.on("data", (chunk: Buffer) => {
      try {
        reader.push(chunk);
      } catch {
        this.kill();
      }
    });
    this.sendControl({ t: "start", iid: inst.iid, lane: inst.lane });
    return inst;
  }

  idleInstance(): InstanceState | undefined {
    let best: InstanceState | undefined;
    for (const inst of this.instances.values()) {
      if (!inst.busy && !inst.dead && (!best || inst.lastUsed > best.lastUsed)) best = inst;
    }
    return best;
  }

  invoke(inst: InstanceState, frame: InvokeFrame, payload: Buffer): void {
    const lane = this.lanes[inst.lane];
    if (this.state !== "dead" && lane.writable) lane.write(encodeFrame(frame, payload));
  }

  private sendControl(msg: ToHost): void {
    if (this.state === "dead" || !this.control.writable) return;
    this.control.write(encodeFrame(msg));
  }

  killInstance(iid: number): void {
    const inst = this.instances.get(iid);
    if (inst) {
      inst.dead = true;
      this.lanes[inst.lane].end();
    }
    this.sendControl({ t: "kill", iid });
  }

  removeInstance(iid: number): void {
    const inst = this.instances.get(iid);
    if (!inst) return;
    inst.dead = true;
    this.instances.delete(iid);
    this.lanes[inst.lane].destroy();
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
