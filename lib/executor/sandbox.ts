/**
 * One sandbox process as the supervisor sees it: its private folders, its control
 * connection, its instances and their lanes. Started through the spawner; it connects
 * back to the supervisor's socket. Trusted code only.
 */
import { randomBytes } from "node:crypto";
import { chmodSync, chownSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type net from "node:net";
import type { HubClient, SwitchableReader } from "@/lib/executor/hub";
import {
  encodeFrame,
  type AssignedFunction,
  type FatalFrame,
  type FromHost,
  type Hello,
  type InvokeFrame,
  type LogsFrame,
  type ChunkFrame,
  type ResultFrame,
  type ToHost,
} from "@/lib/executor/protocol";
import type { SpawnerClient } from "@/lib/executor/spawner-client";
import type { InstanceState, SandboxEvents, SandboxOptions } from "@/lib/executor/sandbox-types";

export type { InstanceState, SandboxEvents, SandboxOptions } from "@/lib/executor/sandbox-types";
import type { CodeFile } from "@/lib/executor/types";
import { launchCommand } from "@/lib/executor/launch";
import type { EgressContext } from "@/lib/executor/network/records";

let nextIid = 1;

export class Sandbox implements HubClient {
  readonly id: string;
  readonly token = Buffer.from(randomBytes(24).toString("base64url"));
  readonly dir: string;
  readonly codeDir: string;
  readonly tmpDir: string;
  /** The code folder as the sandbox's instances see it (/var/task inside bubblewrap). */
  readonly insideCodeDir: string;
  readonly uid: number;
  readonly tmpMb: number;
  /** Its outbound network, as its connections are judged (fixed at start, like tmp). */
  readonly egress: EgressContext;
  readonly ready: Promise<void>;
  readonly exited: Promise<void>;
  /** Settles once its network namespace is connected (or it has none, or it died): code waits for it. */
  readonly networkReady: Promise<void>;
  pid: number | undefined;
  /** booting → idle (pre-spawned, ready) → assigned (serves a function version) → draining → dead. */
  state: "booting" | "idle" | "assigned" | "draining" | "dead" = "booting";
  /** Settles once the code is written and the function handed over (set when it is assigned). */
  assigned: Promise<void> | null = null;
  readonly instances = new Map<number, InstanceState>();
  /** Invocations begun and not yet ended; a draining sandbox goes when this reaches 0. */
  private running = 0;
  private lastEnded = Date.now();
  private control: net.Socket | null = null;
  private readonly pendingControl: Buffer[] = [];
  private stderrTail = "";
  private resolveReady!: () => void;
  private resolveExited!: () => void;
  private resolveNetwork!: () => void;
  private killRequested = false;
  private controlLostTimer: NodeJS.Timeout | null = null;

  constructor(
    opts: SandboxOptions,
    private readonly events: SandboxEvents,
    private readonly spawner: SpawnerClient,
  ) {
    this.id = opts.id;
    this.dir = path.join(opts.workDir, opts.id);
    this.codeDir = path.join(this.dir, "code");
    this.tmpDir = path.join(this.dir, "tmp");
    mkdirSync(this.codeDir, { recursive: true, mode: 0o700 });
    mkdirSync(this.tmpDir, { recursive: true, mode: 0o700 });
    this.uid = opts.uid;
    this.tmpMb = opts.tmpMb;
    const opened = new Set<string>();
    this.egress = { ...opts.egress, opened };
    const { plan, settings } = opts.isolation;
    // Without namespaces the sandbox's own uid must own its tmp folder and reach its code.
    if (plan.uidSwitch && !plan.bubblewrap) {
      chmodSync(this.dir, 0o711);
      chownSync(this.tmpDir, opts.uid, opts.uid);
    }
    this.ready = new Promise((r) => (this.resolveReady = r));
    this.exited = new Promise((r) => (this.resolveExited = r));
    this.networkReady = new Promise((r) => (this.resolveNetwork = r));
    if (!opts.net) this.resolveNetwork();
    const launch = launchCommand(plan, settings, {
      nodePath: opts.nodePath,
      nodeMajor: opts.nodeMajor,
      hostScript: opts.hostScript,
      socketPath: opts.socketPath,
      codeDir: this.codeDir,
      tmpDir: this.tmpDir,
      uid: opts.uid,
      tmpMb: opts.tmpMb,
      args: [this.id, String(opts.spareMemoryMb)],
      netns: opts.net?.ns,
      etcDir: opts.etcDir,
    });
    this.insideCodeDir = launch.inside.codeDir;
    // A scrubbed environment: nothing of the server's (DATABASE_URL, keys) is ever in it.
    const env: Record<string, string> = {
      ...opts.baseEnv,
      HOME: launch.inside.tmpDir,
      TMPDIR: launch.inside.tmpDir,
      NIMBUS_SANDBOX_TOKEN: this.token.toString(),
      NIMBUS_SANDBOX_CODE_DIR: launch.inside.codeDir,
      NIMBUS_SANDBOX_TMP_DIR: launch.inside.tmpDir,
    };
    const cwd = plan.bubblewrap ? "/" : this.tmpDir;
    void opts.socketReady.then(
      () => {
        if (this.state === "dead") return;
        const request = { id: this.id, command: launch.command, args: launch.args, cwd, env, net: opts.net };
        spawner.spawn(request, {
          onSpawned: (pid) => {
            this.pid = pid;
            if (this.killRequested) this.kill();
          },
          onExit: (code, signal, stderr) => this.onExit(code, signal, stderr),
          onNetworkReady: () => this.resolveNetwork(),
          onOpened: (addresses) => {
            for (const a of addresses) opened.add(a);
          },
        });
      },
      (err: Error) => this.onExit(null, null, `the supervisor socket is not listening: ${err.message}`),
    );
  }

  /** Hub: a connection from this sandbox said hello. */
  adopt(hello: Hello, socket: net.Socket, sr: SwitchableReader): boolean {
    if (this.state === "dead") return false;
    if (hello.role === "control") {
      if (this.control) return false;
      this.control = socket;
      sr.onFrame = (header) => {
        const msg = header as FromHost;
        if (msg.t === "ready") {
          if (this.state === "booting") this.state = "idle";
          this.resolveReady();
        } else if (msg.t === "exit" && typeof msg.iid === "number") {
          this.events.onInstanceExit(this, msg);
        }
      };
      for (const f of this.pendingControl.splice(0)) socket.write(f);
      // The control connection ends with the process; if the spawner cannot tell us how, we still know.
      socket.on("close", () => {
        this.controlLostTimer = setTimeout(() => this.onExit(null, null, ""), 1000);
        this.controlLostTimer.unref();
      });
      return true;
    }
    const inst = typeof hello.iid === "number" ? this.instances.get(hello.iid) : undefined;
    if (!inst || inst.lane || inst.dead) return false;
    inst.lane = socket;
    sr.onFrame = (header, body) => {
      const h = header as ResultFrame | FatalFrame | LogsFrame | ChunkFrame;
      if (h.t === "chunk") this.events.onChunk(this, inst, h, body);
      else if (h.t === "result") this.events.onResult(this, inst, h, body);
      else if (h.t === "logs") this.events.onLogs(this, inst, h);
      else if (h.t === "fatal") this.events.onFatal(this, inst, h);
    };
    for (const frame of inst.queued.splice(0)) socket.write(frame);
    return true;
  }

  get liveInstances(): number {
    let n = 0;
    for (const i of this.instances.values()) if (!i.dead) n++;
    return n;
  }

  get inFlight(): number {
    return this.running;
  }

  /** When the last invocation ended (or the sandbox was made): idle sandboxes retire by it. */
  get lastUsed(): number {
    return this.lastEnded;
  }

  /** An invocation starts on `inst`. Counted before any await, so a drain meanwhile cannot kill it. */
  begin(inst: InstanceState): void {
    this.running++;
    inst.active++;
  }

  /** An invocation on `inst` is answered; unless `reusable`, the instance takes no new call. */
  end(inst: InstanceState, reusable: boolean): void {
    this.running--;
    inst.active--;
    const now = Date.now();
    this.lastEnded = now;
    if (reusable) inst.lastUsed = now;
    else inst.retiring = true;
    if (this.state === "draining" && this.running === 0) this.kill();
  }

  /** Takes no new work; goes once its last invocation is answered (at once when idle). */
  drain(): void {
    if (this.state === "dead") return;
    this.state = "draining";
    if (this.running === 0) this.kill();
  }

  /** Writes the code read-only into this sandbox's folder and hands it the function. */
  assign(files: CodeFile[], fn: Omit<AssignedFunction, "codeDir">): void {
    for (const f of files) {
      const target = path.join(this.codeDir, f.path);
      if (!target.startsWith(this.codeDir + path.sep)) continue;
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, f.data, { mode: 0o444 });
    }
    chmodSync(this.codeDir, 0o555);
    this.state = "assigned";
    this.sendControl({ t: "assign", fn: { ...fn, codeDir: this.insideCodeDir } });
  }

  /** `capacity`: how many calls it may run at once. */
  newInstance(capacity = 1): InstanceState {
    const inst: InstanceState = {
      iid: nextIid++,
      active: 0,
      capacity,
      ready: false,
      retiring: false,
      lastUsed: Date.now(),
      dead: false,
      lane: null,
      queued: [],
    };
    this.instances.set(inst.iid, inst);
    this.sendControl({ t: "start", iid: inst.iid });
    return inst;
  }

  /** The most recently used instance with room for one more call (its caches are warmest). */
  idleInstance(): InstanceState | undefined {
    let best: InstanceState | undefined;
    for (const inst of this.instances.values()) {
      if (inst.active >= inst.capacity || inst.dead || inst.retiring) continue;
      if (!best || inst.lastUsed > best.lastUsed) best = inst;
    }
    return best;
  }

  invoke(inst: InstanceState, frame: InvokeFrame, payload: Buffer): void {
    const data = encodeFrame(frame, payload);
    if (inst.lane) inst.lane.write(data);
    else inst.queued.push(data);
  }

  private sendControl(msg: ToHost): void {
    if (this.state === "dead") return;
    const data = encodeFrame(msg);
    if (this.control) this.control.write(data);
    else this.pendingControl.push(data);
  }

  killInstance(iid: number): void {
    const inst = this.instances.get(iid);
    if (inst) {
      inst.dead = true;
      inst.lane?.end();
    }
    this.sendControl({ t: "kill", iid });
  }

  removeInstance(iid: number): void {
    const inst = this.instances.get(iid);
    if (!inst) return;
    inst.dead = true;
    this.instances.delete(iid);
    inst.lane?.destroy();
  }

  /** SIGKILL to the whole process group: the only stop that no user code can refuse. */
  kill(): void {
    if (this.state === "dead") return;
    this.killRequested = true;
    if (this.pid === undefined) return; // killed as soon as the spawner reports its pid
    try {
      process.kill(-this.pid, "SIGKILL");
    } catch {
      /* already gone */
    }
  }

  private onExit(code: number | null, signal: NodeJS.Signals | null, stderr: string): void {
    if (this.state === "dead") return;
    if (this.controlLostTimer) clearTimeout(this.controlLostTimer);
    this.state = "dead";
    this.stderrTail = stderr;
    this.spawner.forget(this.id);
    this.control?.destroy();
    for (const inst of this.instances.values()) inst.lane?.destroy();
    this.resolveReady();
    this.resolveNetwork();
    this.events.onExit(this, code, signal, stderr);
    this.resolveExited();
    rmSync(this.dir, { recursive: true, force: true });
  }

  get stderr(): string {
    return this.stderrTail;
  }
}
