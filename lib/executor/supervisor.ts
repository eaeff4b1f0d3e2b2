/**
 * The supervisor: runs in the server, never runs user code. Owns sandbox processes (one
 * per function version, plus pre-spawned unassigned ones), assigns invocations to warm
 * instances or starts cold ones, enforces deadlines (terminate the worker, then SIGKILL
 * the sandbox's process group), validates every reply and retires sandboxes that saw a
 * timeout or a crash.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import { Sandbox, type InstanceState } from "./sandbox";
import type { ResultHeader, ToSupervisor } from "./protocol";
import { MAX_RESPONSE_BYTES, type Executor, type ExecutorStats, type FunctionSpec, type InvokeRequest, type InvokeResult, type LogEntry, type SerializedError } from "./types";
import { runtimeError } from "./serialize-error";
import { functionEnvironment } from "./function-env";

export interface SupervisorOptions {
  hostScript: string;
  workDir: string;
  /** Idle instances are retired after this long. */
  idleMs: number;
  /** Pre-spawned, not yet assigned sandboxes to keep ready. */
  prewarm: number;
  /** After a deadline, how long the worker gets to stop before the sandbox is SIGKILLed. */
  killGraceMs?: number;
  nodeArgs?: string[];
  log?: (msg: string) => void;
}

interface Pending {
  sb: Sandbox;
  inst: InstanceState;
  spec: FunctionSpec;
  req: InvokeRequest;
  startedAt: number;
  cold: boolean;
  timer: NodeJS.Timeout;
  resolve: (r: InvokeResult) => void;
}

interface FunctionPool {
  revision: number;
  active: Sandbox | null;
}

export class Supervisor implements Executor {
  private readonly pools = new Map<string, FunctionPool>();
  private readonly sandboxes = new Set<Sandbox>();
  private readonly prewarmed: Sandbox[] = [];
  private readonly pending = new Map<string, Pending>();
  private readonly reaper: NodeJS.Timeout;
  private stopping = false;
  private bootFailures = 0;
  private respawnTimer: NodeJS.Timeout | null = null;
  private readonly baseEnv = { PATH: "/usr/local/bin:/usr/bin:/bin", LANG: "C.UTF-8", TZ: "UTC" };

  constructor(private readonly opts: SupervisorOptions) {
    mkdirSync(opts.workDir, { recursive: true, mode: 0o700 });
    this.reaper = setInterval(() => this.reap(), Math.min(10_000, Math.max(250, opts.idleMs / 4)));
    this.reaper.unref();
    this.fillPrewarm();
  }

  /** Resolves once the pre-spawned sandboxes are booted (for start-up and benchmarks). */
  async warm(): Promise<void> {
    await Promise.all(this.prewarmed.map((s) => s.ready));
  }

  async invoke(spec: FunctionSpec, req: InvokeRequest): Promise<InvokeResult> {
    if (this.stopping) return this.failure(spec, req, Date.now(), "Crash", runtimeError("Sandbox.Unavailable", "The server is shutting down"));
    const sb = this.sandboxFor(spec);
    // Counted before any await: a sandbox that starts draining meanwhile is not killed under us.
    sb.inFlight++;
    let failed: SerializedError | null = null;
    try {
      if (sb.assigned) await sb.assigned;
    } catch (err) {
      failed = runtimeError("Sandbox.CodeUnavailable", `RequestId: ${req.requestId} Error: the function's code could not be prepared: ${(err as Error).message}`);
    }
    if (!failed && sb.state === "dead") failed = runtimeError("Runtime.ExitError", `RequestId: ${req.requestId} Error: the sandbox failed to start: ${sb.stderr.slice(-500)}`);
    if (failed) {
      sb.inFlight--;
      if (sb.state === "draining" && sb.inFlight === 0) sb.kill();
      return this.failure(spec, req, Date.now(), "Crash", failed);
    }
    let inst = sb.idleInstance();
    const cold = !inst;
    if (!inst) inst = sb.newInstance();
    inst.busy = true;
    const startedAt = Date.now();
    const deadline = startedAt + spec.timeoutMs;
    return new Promise<InvokeResult>((resolve) => {
      const timer = setTimeout(() => this.onTimeout(req.requestId), spec.timeoutMs);
      this.pending.set(req.requestId, { sb, inst: inst!, spec, req, startedAt, cold, timer, resolve });
      sb.send({ t: "invoke", iid: inst!.iid, id: req.requestId, deadline, clientContext: req.clientContext }, req.payload);
    });
  }

  retire(functionId: string, keepRevision?: number): void {
    const pool = this.pools.get(functionId);
    if (!pool) return;
    if (pool.active && pool.active.revision !== keepRevision) {
      this.drain(pool.active);
      pool.active = null;
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
    };
  }

  /** Lets in-flight invocations finish (bounded by their own deadlines), then kills every sandbox. */
  async shutdown(graceMs = 30_000): Promise<void> {
    this.stopping = true;
    clearInterval(this.reaper);
    if (this.respawnTimer) clearTimeout(this.respawnTimer);
    const until = Date.now() + graceMs;
    while (this.pending.size > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    const exits = [...this.sandboxes].map((sb) => new Promise<void>((r) => (sb.state === "dead" ? r() : sb.child.once("exit", () => r()))));
    for (const sb of this.sandboxes) sb.kill();
    await Promise.all(exits);
  }

  // ---- sandbox placement -------------------------------------------------------------

  private sandboxFor(spec: FunctionSpec): Sandbox {
    let pool = this.pools.get(spec.functionId);
    if (!pool) {
      pool = { revision: spec.revision, active: null };
      this.pools.set(spec.functionId, pool);
    }
    if (spec.revision > pool.revision) {
      if (pool.active) this.drain(pool.active);
      pool.active = null;
      pool.revision = spec.revision;
    } else if (spec.revision < pool.revision) {
      // A request resolved against an older revision (cache race): serve it on a private sandbox key.
      return this.oldRevisionSandbox(spec);
    }
    if (pool.active && pool.active.state !== "dead" && pool.active.state !== "draining") return pool.active;
    const sb = this.takeSandbox(spec.memoryMb);
    pool.active = sb;
    sb.assigned = this.assign(sb, spec);
    return sb;
  }

  private oldRevisionSandbox(spec: FunctionSpec): Sandbox {
    const key = `${spec.functionId}@${spec.revision}`;
    for (const sb of this.sandboxes) if (sb.key === key && sb.state === "draining") return sb;
    const sb = this.takeSandbox(spec.memoryMb);
    sb.assigned = this.assign(sb, spec).then(() => this.drain(sb));
    return sb;
  }

  private async assign(sb: Sandbox, spec: FunctionSpec): Promise<void> {
    try {
      const files = await spec.loadCode();
      const env = functionEnvironment(spec, sb.codeDir, sb.id);
      sb.assign(`${spec.functionId}@${spec.revision}`, spec.revision, files, {
        functionName: spec.functionName,
        version: spec.version,
        memoryMb: spec.memoryMb,
        handler: spec.handler,
        env,
        arn: spec.arn,
        logGroupName: `/aws/lambda/${spec.functionName}`,
      });
    } catch (err) {
      this.opts.log?.(`[executor] could not assign sandbox: ${(err as Error).message}`);
      sb.kill();
      throw err;
    }
  }

  private takeSandbox(memoryMb: number): Sandbox {
    const sb = this.prewarmed.shift() ?? this.spawn(memoryMb);
    queueMicrotask(() => this.fillPrewarm());
    return sb;
  }

  private spawn(spareMemoryMb = 128): Sandbox {
    const sb = new Sandbox(
      {
        id: `sbx-${randomBytes(8).toString("hex")}`,
        hostScript: this.opts.hostScript,
        workDir: this.opts.workDir,
        spareMemoryMb,
        baseEnv: this.baseEnv,
        nodeArgs: this.opts.nodeArgs ?? [],
      },
      {
        onResult: (s, h, b) => this.onResult(s, h, b),
        onInstanceExit: (s, m, logs) => this.onInstanceExit(s, m, logs),
        onExit: (s, code, signal, stderr) => this.onSandboxExit(s, code, signal, stderr),
      },
    );
    this.sandboxes.add(sb);
    return sb;
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
    if (sb.inFlight === 0) sb.kill();
  }

  // ---- replies -------------------------------------------------------------------------

  private onResult(sb: Sandbox, h: ResultHeader, body: Buffer): void {
    const p = this.pending.get(h.id);
    // Only a reply to an invocation this supervisor issued, to this sandbox and instance, counts.
    if (!p || p.sb !== sb || p.inst.iid !== h.iid || typeof h.ok !== "boolean") return;
    this.finish(p);
    p.inst.busy = false;
    p.inst.lastUsed = Date.now();
    const logs = Array.isArray(h.logs) ? h.logs : [];
    const durationMs = Number.isFinite(h.durationMs) ? Math.max(0, h.durationMs) : Date.now() - p.startedAt;
    let outcome: InvokeResult["outcome"] = h.ok ? "Success" : "Error";
    let payload = body;
    let error = h.ok ? undefined : h.error;
    if (body.byteLength > MAX_RESPONSE_BYTES) {
      outcome = "Error";
      error = runtimeError("Function.ResponseSizeTooLarge", `Response payload size (${body.byteLength} bytes) exceeded maximum allowed payload size (${MAX_RESPONSE_BYTES} bytes).`);
      payload = Buffer.from(JSON.stringify(error));
    }
    if (p.inst.dead === false && !h.ok && !h.invalidPayload && error && isInitFailure(error)) p.inst.dead = true;
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
      logs,
      logBytes: Number(h.logBytes) || 0,
      logTruncated: h.logTruncated === true,
    });
    if (sb.state === "draining" && sb.inFlight === 0) sb.kill();
  }

  private onTimeout(requestId: string): void {
    const p = this.pending.get(requestId);
    if (!p) return;
    this.finish(p);
    const secs = (p.spec.timeoutMs / 1000).toFixed(2);
    const error = runtimeError("Sandbox.Timedout", `RequestId: ${requestId} Error: Task timed out after ${secs} seconds`);
    p.resolve(this.failure(p.spec, p.req, p.startedAt, "Timeout", error, p.spec.timeoutMs));
    // The worker is terminated (fast path); if native code holds it, the whole sandbox goes.
    this.drain(p.sb);
    p.sb.killInstance(p.inst.iid);
    const grace = setTimeout(() => p.sb.kill(), this.opts.killGraceMs ?? 1000);
    grace.unref();
    p.sb.child.once("exit", () => clearTimeout(grace));
  }

  private onInstanceExit(sb: Sandbox, msg: Extract<ToSupervisor, { t: "exit" }>, fatalLogs: LogEntry[]): void {
    const inst = sb.instances.get(msg.iid);
    if (!inst) return;
    inst.dead = true;
    sb.instances.delete(msg.iid);
    for (const p of this.pending.values()) {
      if (p.sb !== sb || p.inst.iid !== msg.iid) continue;
      this.finish(p);
      const error = msg.oom
        ? runtimeError("Runtime.OutOfMemory", `RequestId: ${p.req.requestId} Error: Runtime exited with error: JavaScript heap out of memory (limit ${p.spec.memoryMb} MB)`)
        : runtimeError("Runtime.ExitError", `RequestId: ${p.req.requestId} Error: Runtime exited with error: ${describeExit(msg.code, msg.error)}`);
      p.resolve(this.failure(p.spec, p.req, p.startedAt, msg.oom ? "OutOfMemory" : "Crash", error, undefined, fatalLogs));
      // A crash mid-invocation: this sandbox is never used for new work again.
      this.drain(sb);
    }
    if (sb.state === "draining" && sb.inFlight === 0) sb.kill();
  }

  private onSandboxExit(sb: Sandbox, code: number | null, signal: NodeJS.Signals | null, stderr: string): void {
    this.sandboxes.delete(sb);
    const pi = this.prewarmed.indexOf(sb);
    if (pi >= 0) {
      this.prewarmed.splice(pi, 1);
      if (!this.stopping) this.scheduleRespawn(`pre-spawned sandbox exited (code ${code}, signal ${signal}): ${stderr.slice(-300)}`);
    }
    for (const pool of this.pools.values()) if (pool.active === sb) pool.active = null;
    const oom = /out of memory|heap limit|ERR_WORKER_OUT_OF_MEMORY|Allocation failed/i.test(stderr);
    for (const p of [...this.pending.values()]) {
      if (p.sb !== sb) continue;
      this.finish(p);
      const error = oom
        ? runtimeError("Runtime.OutOfMemory", `RequestId: ${p.req.requestId} Error: Runtime exited with error: out of memory`)
        : runtimeError("Runtime.ExitError", `RequestId: ${p.req.requestId} Error: Runtime exited with error: ${signal ? `signal: ${signal}` : `exit status ${code}`}`);
      p.resolve(this.failure(p.spec, p.req, p.startedAt, oom ? "OutOfMemory" : "Crash", error));
    }
  }

  /** Pre-spawned sandboxes that die at boot are replaced with back-off, not in a tight loop. */
  private scheduleRespawn(reason: string): void {
    this.bootFailures++;
    if (this.bootFailures > 1) this.opts.log?.(`[executor] ${reason}`);
    const delay = Math.min(30_000, 50 * 2 ** Math.min(this.bootFailures, 10));
    if (this.respawnTimer) return;
    this.respawnTimer = setTimeout(() => {
      this.respawnTimer = null;
      this.fillPrewarm();
    }, this.bootFailures > 1 ? delay : 0);
    this.respawnTimer.unref();
  }

  private finish(p: Pending): void {
    clearTimeout(p.timer);
    this.pending.delete(p.req.requestId);
    p.sb.inFlight--;
    p.sb.lastUsed = Date.now();
  }

  private failure(spec: FunctionSpec, req: InvokeRequest, startedAt: number, outcome: InvokeResult["outcome"], error: SerializedError, durationMs = Date.now() - startedAt, logs: LogEntry[] = []): InvokeResult {
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

  private reap(): void {
    const now = Date.now();
    for (const sb of this.sandboxes) {
      if (sb.state !== "assigned") continue;
      for (const inst of sb.instances.values()) {
        if (!inst.busy && !inst.dead && now - inst.lastUsed > this.opts.idleMs) sb.killInstance(inst.iid);
      }
      if (sb.inFlight === 0 && now - sb.lastUsed > this.opts.idleMs) {
        for (const pool of this.pools.values()) if (pool.active === sb) pool.active = null;
        this.drain(sb);
      }
    }
  }
}

function isInitFailure(e: SerializedError): boolean {
  return e.errorType === "Runtime.ImportModuleError" || e.errorType === "Runtime.UserCodeSyntaxError" || e.errorType === "Runtime.HandlerNotFound" || e.errorType === "Runtime.MalformedHandlerName";
}

function describeExit(code: number, error?: SerializedError): string {
  if (error?.errorType) return `${error.errorType}: ${error.errorMessage}`.slice(0, 1000);
  return `exit status ${code}`;
}
