/**
 * The supervisor: runs in the server, never runs user code. Owns sandbox processes
 * (per function version, plus pre-spawned unassigned ones), places invocations on warm
 * instances or starts cold ones, enforces deadlines (terminate the worker, then SIGKILL the
 * sandbox's process group), validates every reply and retires sandboxes that saw a timeout
 * or a crash.
 */
import { randomBytes, randomInt } from "node:crypto";
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Sandbox, type InstanceState } from "@/lib/executor/sandbox";
import { Hub } from "@/lib/executor/hub";
import { SpawnerClient } from "@/lib/executor/spawner-client";
import { MAX_LANE_FRAME_BYTES, type FatalFrame, type FromHost, type ResultFrame } from "@/lib/executor/protocol";
import {
  MAX_LOG_BYTES_PER_INVOCATION,
  MAX_RESPONSE_BYTES,
  type Executor,
  type ExecutorStats,
  type FunctionSpec,
  type InvokeRequest,
  type InvokeResult,
  type LogEntry,
  type SandboxKilledEvent,
  type SerializedError,
} from "@/lib/executor/types";
import { runtimeError, untrustedError } from "@/lib/executor/serialize-error";
import { LogBudget, admitLines } from "@/lib/executor/log-budget";
import { functionEnvironment } from "@/lib/executor/function-env";
import { runtimeOf, sandboxRuntime } from "@/lib/executor/runtime-node";
import { detectIsolation, type IsolationPlan, type IsolationSettings } from "@/lib/executor/isolation";

export interface SupervisorOptions {
  hostScript: string;
  workDir: string;
  /** Idle instances are retired after this long. */
  idleMs: number;
  /** Pre-spawned, not yet assigned sandboxes to keep ready. */
  prewarm: number;
  /** Live instances one sandbox process may hold; more go to another process of the same version. */
  instancesPerSandbox?: number;
  /**
   * Sandbox processes kept for function versions (pre-spawned ones not counted). Past it, the least
   * recently used idle ones retire first; busy ones are never ended for it, so under a burst the
   * count can pass the cap until they are idle.
   */
  maxSandboxes?: number;
  /** After a deadline, how long the worker gets to stop before the sandbox is SIGKILLed. */
  killGraceMs?: number;
  /** The Node that runs sandboxes (default: the server's own). */
  nodePath?: string;
  isolation?: Partial<IsolationSettings>;
  /** First of the uids sandboxes get when the server runs as root (one per live sandbox). */
  uidBase?: number;
  log?: (msg: string) => void;
  /**
   * Told after a timeout or crash ended an instance or a sandbox (for the audit log). Called
   * after the invocation is answered; the listener must not block (buffer, write later).
   */
  onSandboxKilled?: (e: SandboxKilledEvent) => void;
}

/** The instance's own cap plus room for its truncation marker. */
const SUPERVISOR_LOG_LIMIT = MAX_LOG_BYTES_PER_INVOCATION + 1024;
const MAX_INT32 = 2 ** 31 - 1;

const DEFAULT_ISOLATION: IsolationSettings = { mode: "auto", tmpMb: 512, dataLimitMb: 8192, maxOpenFiles: 1024 };

interface Pending {
  sb: Sandbox;
  inst: InstanceState;
  spec: FunctionSpec;
  req: InvokeRequest;
  startedAt: number;
  cold: boolean;
  timer: NodeJS.Timeout;
  fatal?: FatalFrame;
  /** Lines the instance shipped while the call ran, admitted against `budget`. */
  logs: LogEntry[];
  /** The supervisor's own count of what the instance logged: it does not trust the instance's. */
  budget: LogBudget;
  resolve: (r: InvokeResult) => void;
}

interface FunctionPool {
  revision: number;
  /** Sandboxes serving the current revision that still take new work. */
  sandboxes: Sandbox[];
}

export class Supervisor implements Executor {
  private readonly pools = new Map<string, FunctionPool>();
  private readonly sandboxes = new Set<Sandbox>();
  private readonly prewarmed: Sandbox[] = [];
  /** In-flight invocations by instance id. */
  private readonly pending = new Map<number, Pending>();
  private readonly reaper: NodeJS.Timeout;
  private readonly perSandbox: number;
  private readonly hub: Hub;
  private readonly spawner: SpawnerClient;
  private stopping = false;
  private bootFailures = 0;
  private retiredForCap = 0;
  private capLoggedAt = 0;
  private respawnTimer: NodeJS.Timeout | null = null;
  private readonly baseEnv = { PATH: "/usr/local/bin:/usr/bin:/bin", LANG: "C.UTF-8", TZ: "UTC" };
  readonly isolation: { plan: IsolationPlan; settings: IsolationSettings };
  readonly nodePath: string;
  /** Where sandbox folders and the socket live. */
  readonly workDir: string;
  /** Runtime identifier of the Node that runs user code, e.g. nodejs20.x. */
  readonly runtime: string;
  private readonly nodeMajor: number;
  /** Not reused while the server lives: a process that escaped its group cannot meet a new sandbox under its uid. */
  private nextUid: number;

  constructor(private readonly opts: SupervisorOptions) {
    this.perSandbox = opts.instancesPerSandbox ?? 64;
    const given = Object.fromEntries(Object.entries(opts.isolation ?? {}).filter(([, v]) => v !== undefined));
    const settings: IsolationSettings = { ...DEFAULT_ISOLATION, ...given };
    this.isolation = { plan: detectIsolation(settings), settings };
    this.nodePath = opts.nodePath ?? sandboxRuntime().nodePath;
    const runtime = runtimeOf(this.nodePath);
    this.runtime = runtime.id;
    this.nodeMajor = runtime.major;
    // Servers on one host each start at a random block, so their sandboxes rarely meet under one uid.
    this.nextUid = (opts.uidBase ?? 200_000) + randomInt(0, 1000) * 1000;
    if (this.isolation.plan.level !== "full")
      opts.log?.(`[executor] WARNING: sandbox isolation is reduced: ${this.isolation.plan.missing.join("; ")}`);
    else
      opts.log?.(
        `[executor] sandbox isolation: full (bubblewrap, own uid, rlimits, permission model); user code runs on ${this.runtime}`,
      );
    // Sandboxes under uids of their own (without namespaces) must be able to reach their folders.
    // Sandboxes under uids of their own but without namespaces must reach their folders and the
    // socket by path; the data folder (0700, it holds the master key) is no place for them.
    const { uidSwitch, bubblewrap } = this.isolation.plan;
    this.workDir = uidSwitch && !bubblewrap ? mkdtempSync(path.join(os.tmpdir(), "nimbus-sandboxes-")) : opts.workDir;
    mkdirSync(this.workDir, { recursive: true, mode: 0o700 });
    if (uidSwitch) chmodSync(this.workDir, 0o711);
    this.hub = new Hub(this.workDir, MAX_LANE_FRAME_BYTES);
    this.spawner = new SpawnerClient(path.join(path.dirname(opts.hostScript), "spawner.mjs"), this.baseEnv, opts.log);
    this.reaper = setInterval(() => this.reap(), Math.min(10_000, Math.max(250, opts.idleMs / 4)));
    this.reaper.unref();
    this.fillPrewarm();
  }

  /** Resolves once the pre-spawned sandboxes are booted (for start-up and benchmarks). */
  async warm(): Promise<void> {
    await this.hub.listening;
    await Promise.all(this.prewarmed.map((s) => s.ready));
  }

  async invoke(spec: FunctionSpec, req: InvokeRequest): Promise<InvokeResult> {
    if (this.stopping)
      return this.failure(
        spec,
        req,
        Date.now(),
        "Crash",
        runtimeError("Sandbox.Unavailable", "The server is shutting down"),
      );
    const placed = this.place(spec);
    const { sb } = placed;
    // Counted before any await: a sandbox that starts draining meanwhile is not killed under us.
    sb.inFlight++;
    placed.inst.busy = true;
    if (placed.oneShot) this.drain(sb);
    let failed: SerializedError | null = null;
    try {
      if (sb.assigned) await sb.assigned;
    } catch (err) {
      failed = runtimeError(
        "Sandbox.CodeUnavailable",
        `RequestId: ${req.requestId} Error: the function's code could not be prepared: ${(err as Error).message}`,
      );
    }
    if (!failed && sb.state === "dead")
      failed = runtimeError(
        "Runtime.ExitError",
        `RequestId: ${req.requestId} Error: the sandbox failed to start: ${sb.stderr.slice(-500)}`,
      );
    if (failed) {
      sb.inFlight--;
      placed.inst.busy = false;
      this.maybeKill(sb);
      return this.failure(spec, req, Date.now(), "Crash", failed);
    }
    const inst = placed.inst;
    const startedAt = Date.now();
    return new Promise<InvokeResult>((resolve) => {
      const timer = setTimeout(() => this.onTimeout(inst.iid), spec.timeoutMs);
      this.pending.set(inst.iid, {
        sb,
        inst,
        spec,
        req,
        startedAt,
        cold: placed.cold,
        timer,
        logs: [],
        budget: new LogBudget(SUPERVISOR_LOG_LIMIT),
        resolve,
      });
      sb.invoke(
        inst,
        { t: "invoke", id: req.requestId, deadline: startedAt + spec.timeoutMs, clientContext: req.clientContext },
        req.payload,
      );
    });
  }

  retire(functionId: string, keepRevision?: number): void {
    const pool = this.pools.get(functionId);
    if (!pool) return;
    if (keepRevision === undefined || pool.revision !== keepRevision) {
      for (const sb of pool.sandboxes) this.drain(sb);
      pool.sandboxes = [];
    }
    if (keepRevision === undefined) this.pools.delete(functionId);
  }

  stats(): ExecutorStats {
    let instances = 0;
    let busy = 0;
    for (const sb of this.sandboxes) {
      for (const i of sb.instances.values()) {
        if (i.dead) continue;
        instances++;
        if (i.busy) busy++;
      }
    }
    return {
      sandboxes: this.sandboxes.size,
      prewarmed: this.prewarmed.length,
      instances,
      busy,
      sandboxPids: [...this.sandboxes].map((s) => s.pid).filter((p): p is number => p !== undefined),
      isolation: this.isolationSummary(),
      runtime: this.runtime,
    };
  }

  isolationSummary(): ExecutorStats["isolation"] {
    const { plan } = this.isolation;
    const layers = ["separate process", "scrubbed environment", "supervisor deadlines"];
    if (plan.bubblewrap)
      layers.push("bubblewrap namespaces (pid, net, ipc, uts, mount)", "read-only code and runtime", "size-capped tmp");
    if (plan.uidSwitch) layers.push("own uid");
    if (plan.rlimits) layers.push("rlimits");
    layers.push("Node permission model");
    return { level: plan.level, layers, missing: plan.missing };
  }

  /** Lets in-flight invocations finish (bounded), then kills every sandbox. */
  async shutdown(graceMs = 30_000): Promise<void> {
    this.stopping = true;
    clearInterval(this.reaper);
    if (this.respawnTimer) clearTimeout(this.respawnTimer);
    const until = Date.now() + graceMs;
    while (this.pending.size > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    const exits = [...this.sandboxes].map((sb) => sb.exited);
    for (const sb of this.sandboxes) sb.kill();
    await Promise.race([Promise.all(exits), new Promise((r) => setTimeout(r, 5000))]);
    await this.hub.close();
    this.spawner.stop();
    if (this.workDir !== this.opts.workDir) rmSync(this.workDir, { recursive: true, force: true });
  }

  // ---- placement -----------------------------------------------------------------------

  /** A warm idle instance of this revision, else a cold one on a lane, else a new sandbox. */
  private place(spec: FunctionSpec): { sb: Sandbox; inst: InstanceState; cold: boolean; oneShot?: boolean } {
    let pool = this.pools.get(spec.functionId);
    if (!pool) {
      pool = { revision: spec.revision, sandboxes: [] };
      this.pools.set(spec.functionId, pool);
    }
    if (spec.revision > pool.revision) {
      for (const sb of pool.sandboxes) this.drain(sb);
      pool.sandboxes = [];
      pool.revision = spec.revision;
    } else if (spec.revision < pool.revision) {
      // Resolved against an older revision (a cache race): serve it once, on a sandbox of its own.
      const sb = this.newSandboxFor(spec);
      return { sb, inst: sb.newInstance(), cold: true, oneShot: true };
    }
    pool.sandboxes = pool.sandboxes.filter((s) => s.state !== "dead" && s.state !== "draining");
    let best: InstanceState | undefined;
    let bestSb: Sandbox | undefined;
    for (const sb of pool.sandboxes) {
      const inst = sb.idleInstance();
      if (inst && (!best || inst.lastUsed > best.lastUsed)) {
        best = inst;
        bestSb = sb;
      }
    }
    if (best && bestSb) return { sb: bestSb, inst: best, cold: false };
    let sb = pool.sandboxes.find((s) => s.liveInstances < this.perSandbox);
    if (!sb) {
      sb = this.newSandboxFor(spec);
      pool.sandboxes.push(sb);
    }
    return { sb, inst: sb.newInstance(), cold: true };
  }

  private newSandboxFor(spec: FunctionSpec): Sandbox {
    // Pre-spawned sandboxes have the default /tmp; a function with another size needs its own.
    const tmpMb = spec.tmpMb ?? this.isolation.settings.tmpMb;
    this.retireOverCap(1);
    const sb =
      (tmpMb === this.isolation.settings.tmpMb ? this.prewarmed.shift() : undefined) ??
      this.spawn(spec.memoryMb, tmpMb);
    queueMicrotask(() => this.fillPrewarm());
    sb.assigned = this.assign(sb, spec);
    sb.assigned.catch(() => {});
    return sb;
  }

  private async assign(sb: Sandbox, spec: FunctionSpec): Promise<void> {
    try {
      const files = await spec.loadCode();
      sb.assign(`${spec.functionId}@${spec.revision}`, spec.revision, files, {
        functionName: spec.functionName,
        version: spec.version,
        memoryMb: spec.memoryMb,
        handler: spec.handler,
        env: functionEnvironment(spec, sb.insideCodeDir, sb.id),
        arn: spec.arn,
        logGroupName: `/aws/lambda/${spec.functionName}`,
      });
    } catch (err) {
      this.opts.log?.(`[executor] could not assign sandbox: ${(err as Error).message}`);
      sb.kill();
      throw err;
    }
  }

  private spawn(spareMemoryMb = 128, tmpMb = this.isolation.settings.tmpMb): Sandbox {
    const sb = new Sandbox(
      {
        id: `sbx-${randomBytes(8).toString("hex")}`,
        hostScript: this.opts.hostScript,
        socketPath: this.hub.path,
        socketReady: this.hub.listening,
        workDir: this.workDir,
        spareMemoryMb,
        baseEnv: this.baseEnv,
        nodePath: this.nodePath,
        nodeMajor: this.nodeMajor,
        isolation: this.isolation,
        uid: this.allocateUid(),
        tmpMb,
      },
      {
        onResult: (s, i, h, b) => this.onResult(s, i, h, b),
        onFatal: (_s, i, f) => {
          const p = this.pending.get(i.iid);
          if (p) p.fatal = f;
        },
        onLogs: (_s, i, f) => {
          const p = this.pending.get(i.iid);
          if (p && p.req.requestId === f.id) admitLines(f.logs, p.budget, p.logs);
        },
        onInstanceExit: (s, m) => this.onInstanceExit(s, m),
        onExit: (s, code, signal, stderr) => this.onSandboxExit(s, code, signal, stderr),
      },
      this.spawner,
    );
    this.hub.register(sb.id, sb);
    this.sandboxes.add(sb);
    return sb;
  }

  private allocateUid(): number {
    const base = this.opts.uidBase ?? 200_000;
    if (this.nextUid >= base + 1_000_000) this.nextUid = base;
    return this.nextUid++;
  }

  private fillPrewarm(): void {
    if (this.stopping || this.respawnTimer) return;
    while (this.prewarmed.length < this.opts.prewarm) {
      const sb = this.spawn();
      this.prewarmed.push(sb);
      void sb.ready.then(() => {
        if (sb.state !== "dead") this.bootFailures = 0;
      });
    }
  }

  private drain(sb: Sandbox): void {
    if (sb.state === "dead") return;
    sb.state = "draining";
    this.maybeKill(sb);
  }

  /** A draining sandbox goes once its last invocation is answered. */
  private maybeKill(sb: Sandbox): void {
    if (sb.state === "draining" && sb.inFlight === 0) sb.kill();
  }

  // ---- replies -------------------------------------------------------------------------

  private onResult(sb: Sandbox, inst: InstanceState, h: ResultFrame, body: Buffer): void {
    const p = this.pending.get(inst.iid);
    // Only the reply to the invocation this instance was given counts.
    if (!p || p.sb !== sb || p.req.requestId !== h.id || typeof h.ok !== "boolean") return;
    this.finish(p);
    inst.busy = false;
    inst.lastUsed = Date.now();
    admitLines(h.logs, p.budget, p.logs);
    const logTruncated = h.logTruncated === true || p.budget.truncated;
    if (p.budget.truncated && h.logTruncated !== true) p.logs.push(p.budget.marker());
    const durationMs = Number.isFinite(h.durationMs) ? Math.max(0, h.durationMs) : Date.now() - p.startedAt;
    let outcome: InvokeResult["outcome"] = h.ok ? "Success" : "Error";
    let payload = body;
    let error = h.ok ? undefined : untrustedError(h.error ?? null);
    if (body.byteLength > MAX_RESPONSE_BYTES) {
      outcome = "Error";
      error = runtimeError(
        "Function.ResponseSizeTooLarge",
        `Response payload size (${body.byteLength} bytes) exceeded maximum allowed payload size (${MAX_RESPONSE_BYTES} bytes).`,
      );
      payload = Buffer.from(JSON.stringify(error));
    }
    // A module that failed to load ends its instance; the next call starts a fresh one.
    if (!h.ok && !h.invalidPayload && error && isInitFailure(error)) inst.dead = true;
    p.resolve({
      requestId: p.req.requestId,
      outcome,
      payload,
      error,
      invalidPayload: h.invalidPayload === true,
      startedAt: p.startedAt,
      durationMs,
      billedDurationMs: Math.max(1, Math.ceil(durationMs)),
      initDurationMs: p.cold && typeof h.initMs === "number" ? h.initMs : undefined,
      memorySizeMb: p.spec.memoryMb,
      maxMemoryUsedMb: Math.min(p.spec.memoryMb, Math.max(1, Number(h.memMb) || 1)),
      logs: p.logs,
      logBytes: Math.max(p.budget.written, Math.min(Number(h.logBytes) || 0, MAX_INT32)),
      logTruncated,
    });
    this.maybeKill(sb);
  }

  private onTimeout(iid: number): void {
    const p = this.pending.get(iid);
    if (!p) return;
    this.finish(p);
    const secs = (p.spec.timeoutMs / 1000).toFixed(2);
    const error = runtimeError(
      "Sandbox.Timedout",
      `RequestId: ${p.req.requestId} Error: Task timed out after ${secs} seconds`,
    );
    p.resolve(this.failure(p.spec, p.req, p.startedAt, "Timeout", error, p.spec.timeoutMs, p.logs));
    this.reportKill(p, "timeout");
    // The worker is terminated (fast path); if native code holds it, the whole sandbox goes.
    p.sb.killInstance(iid);
    this.drain(p.sb);
    if (p.sb.state !== "dead") {
      const grace = setTimeout(() => p.sb.kill(), this.opts.killGraceMs ?? 1000);
      grace.unref();
      void p.sb.exited.then(() => clearTimeout(grace));
    }
  }

  private reportKill(p: Pending, reason: SandboxKilledEvent["reason"]): void {
    const listener = this.opts.onSandboxKilled;
    if (!listener) return;
    const event: SandboxKilledEvent = {
      functionName: p.spec.functionName,
      version: p.spec.version,
      reason,
      pid: p.sb.pid ?? null,
      requestId: p.req.requestId,
    };
    try {
      listener(event);
    } catch (err) {
      this.opts.log?.(`[executor] onSandboxKilled listener failed: ${(err as Error).message}`);
    }
  }

  private onInstanceExit(sb: Sandbox, msg: Extract<FromHost, { t: "exit" }>): void {
    sb.removeInstance(msg.iid);
    const p = this.pending.get(msg.iid);
    if (p && p.sb === sb) {
      this.finish(p);
      const cause = untrustedError(p.fatal?.error ?? msg.error);
      const error = msg.oom
        ? runtimeError(
            "Runtime.OutOfMemory",
            `RequestId: ${p.req.requestId} Error: Runtime exited with error: JavaScript heap out of memory (limit ${p.spec.memoryMb} MB)`,
          )
        : runtimeError(
            "Runtime.ExitError",
            `RequestId: ${p.req.requestId} Error: Runtime exited with error: ${describeExit(msg.code, cause)}`,
          );
      p.resolve(
        this.failure(p.spec, p.req, p.startedAt, msg.oom ? "OutOfMemory" : "Crash", error, undefined, this.logsOf(p)),
      );
      this.reportKill(p, msg.oom ? "out-of-memory" : "crash");
      // A crash mid-invocation: this sandbox takes no new work and goes when idle.
      this.drain(sb);
    }
    this.maybeKill(sb);
  }

  private onSandboxExit(sb: Sandbox, code: number | null, signal: NodeJS.Signals | null, stderr: string): void {
    this.sandboxes.delete(sb);
    this.hub.unregister(sb.id);
    const pi = this.prewarmed.indexOf(sb);
    if (pi >= 0) {
      this.prewarmed.splice(pi, 1);
      if (!this.stopping)
        this.scheduleRespawn(`pre-spawned sandbox exited (code ${code}, signal ${signal}): ${stderr.slice(-300)}`);
    }
    for (const pool of this.pools.values()) pool.sandboxes = pool.sandboxes.filter((s) => s !== sb);
    const oom = /out of memory|heap limit|ERR_WORKER_OUT_OF_MEMORY|Allocation failed/i.test(stderr);
    for (const p of [...this.pending.values()]) {
      if (p.sb !== sb) continue;
      this.finish(p);
      const error = oom
        ? runtimeError(
            "Runtime.OutOfMemory",
            `RequestId: ${p.req.requestId} Error: Runtime exited with error: out of memory`,
          )
        : runtimeError(
            "Runtime.ExitError",
            `RequestId: ${p.req.requestId} Error: Runtime exited with error: ${signal ? `signal: ${signal}` : `exit status ${code}`}`,
          );
      p.resolve(
        this.failure(p.spec, p.req, p.startedAt, oom ? "OutOfMemory" : "Crash", error, undefined, this.logsOf(p)),
      );
      this.reportKill(p, oom ? "out-of-memory" : "crash");
    }
  }

  /** Pre-spawned sandboxes that die at boot are replaced with back-off, not in a tight loop. */
  private scheduleRespawn(reason: string): void {
    this.bootFailures++;
    if (this.bootFailures > 1) this.opts.log?.(`[executor] ${reason}`);
    const delay = Math.min(30_000, 50 * 2 ** Math.min(this.bootFailures, 10));
    if (this.respawnTimer) return;
    this.respawnTimer = setTimeout(
      () => {
        this.respawnTimer = null;
        this.fillPrewarm();
      },
      this.bootFailures > 1 ? delay : 0,
    );
    this.respawnTimer.unref();
  }

  /** Lines shipped during the call plus those the fatal frame carried, under the same budget. */
  private logsOf(p: Pending): LogEntry[] {
    if (p.fatal) admitLines(p.fatal.logs, p.budget, p.logs);
    return p.logs;
  }

  private finish(p: Pending): void {
    clearTimeout(p.timer);
    this.pending.delete(p.inst.iid);
    p.sb.inFlight--;
    p.sb.lastUsed = Date.now();
  }

  private failure(
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

  /** Makes room for `incoming` more assigned sandboxes under maxSandboxes by retiring idle ones, least recently used first. */
  private retireOverCap(incoming = 0): void {
    const max = this.opts.maxSandboxes;
    if (!max) return;
    const assigned = [...this.sandboxes].filter((s) => s.state === "assigned");
    let over = assigned.length + incoming - max;
    if (over <= 0) return;
    const idle = assigned.filter((s) => s.inFlight === 0).sort((a, b) => a.lastUsed - b.lastUsed);
    for (const sb of idle) {
      if (over-- <= 0) break;
      this.drain(sb);
      this.retiredForCap++;
    }
    const now = Date.now();
    if (now - this.capLoggedAt > 60_000) {
      this.capLoggedAt = now;
      this.opts.log?.(
        `[executor] ${max} sandbox processes (NIMBUS_MAX_SANDBOXES) reached: the least recently used idle ones retire first (${this.retiredForCap} so far)`,
      );
    }
  }

  private reap(): void {
    this.retireOverCap();
    const now = Date.now();
    for (const sb of this.sandboxes) {
      if (sb.state !== "assigned") continue;
      for (const inst of sb.instances.values()) {
        if (!inst.busy && !inst.dead && now - inst.lastUsed > this.opts.idleMs) sb.killInstance(inst.iid);
      }
      if (sb.inFlight === 0 && now - sb.lastUsed > this.opts.idleMs) this.drain(sb);
    }
  }
}

function isInitFailure(e: SerializedError): boolean {
  return (
    e.errorType === "Runtime.ImportModuleError" ||
    e.errorType === "Runtime.UserCodeSyntaxError" ||
    e.errorType === "Runtime.HandlerNotFound" ||
    e.errorType === "Runtime.MalformedHandlerName"
  );
}

function describeExit(code: number, error?: SerializedError): string {
  if (error?.errorType) return `${error.errorType}: ${error.errorMessage}`.slice(0, 1000);
  return `exit status ${code}`;
}
