/**
 * The supervisor: runs in the server, never runs user code. It coordinates; the decisions live
 * beside it, one idea per file — the sandboxes of each function version (pools.ts), where a
 * call runs (placement.ts), the calls in flight and what ends them (calls.ts), when a call is
 * cut off (deadlines.ts), what its result is (outcomes.ts), which uid a sandbox gets (uids.ts),
 * the pre-spawned sandboxes (prewarm.ts). A sandbox (sandbox.ts) owns its own state.
 */
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { InFlightCalls } from "@/lib/executor/calls";
import { runtimeError } from "@/lib/executor/errors";
import { assignFunction, whyUnready } from "@/lib/executor/assign";
import { Hub } from "@/lib/executor/hub";
import {
  detectIsolation,
  isolationSummary,
  prepareWorkDir,
  type IsolationPlan,
  type IsolationSettings,
} from "@/lib/executor/isolation";
import { EgressPlanner } from "@/lib/executor/network/egress";
import type { EgressSetting } from "@/lib/executor/network/allow";
import { failure } from "@/lib/executor/outcomes";
import { CapRetirement, choosePlacement } from "@/lib/executor/placement";
import { CallQueue, contention, CpuGate } from "@/lib/executor/queueing";
import { FunctionPools, poolKey } from "@/lib/executor/pools";
import { PrewarmPool } from "@/lib/executor/prewarm";
import { MAX_LANE_FRAME_BYTES } from "@/lib/executor/protocol";
import { nodeOf, sandboxNode } from "@/lib/executor/sandbox-node";
import { Sandbox, type InstanceState } from "@/lib/executor/sandbox";
import { SpawnerClient } from "@/lib/executor/spawner-client";
import type { Executor, ExecutorStats, FunctionSpec, InvokeRequest, InvokeResult } from "@/lib/executor/types";
import { UidAllocator } from "@/lib/executor/uids";
import type { SupervisorOptions } from "@/lib/executor/options";
import { createLogger, type Logger } from "@/lib/log";

export type { SupervisorOptions } from "@/lib/executor/options";

const DEFAULT_ISOLATION: IsolationSettings = { mode: "auto", tmpMb: 512, dataLimitMb: 8192, maxOpenFiles: 1024 };

export class Supervisor implements Executor {
  private readonly pools = new FunctionPools();
  private readonly sandboxes = new Set<Sandbox>();
  private readonly prewarmed: PrewarmPool;
  private readonly calls: InFlightCalls;
  private readonly reaper: NodeJS.Timeout;
  private readonly perSandbox: number;
  private readonly queue: CallQueue;
  private readonly cpuGate: CpuGate | null;
  private readonly hub: Hub;
  private readonly spawner: SpawnerClient;
  private readonly uids: UidAllocator;
  private stopping = false;
  private readonly capRetirement: CapRetirement;
  private readonly baseEnv = { PATH: "/usr/local/bin:/usr/bin:/bin", LANG: "C.UTF-8", TZ: "UTC" };
  readonly isolation: { plan: IsolationPlan; settings: IsolationSettings };
  readonly nodePath: string;
  /** Where sandbox folders and the socket live. */
  readonly workDir: string;
  /** Runtime identifier of the Node that runs user code, e.g. nodejs24.x. */
  readonly runtime: string;
  private readonly nodeMajor: number;
  private readonly log: Logger;
  /** Outbound network: what this server can give, and what each sandbox gets. */
  private readonly network: EgressPlanner;
  /** The pre-spawned sandboxes are being made (after the database's addresses are known). */
  private readonly ready: Promise<void>;

  constructor(private readonly opts: SupervisorOptions) {
    this.log = opts.log ?? createLogger("executor");
    this.perSandbox = opts.instancesPerSandbox ?? 64;
    const minBusy = opts.queueMinBusy ?? 2 * os.availableParallelism();
    this.queue = new CallQueue(minBusy > 0 ? minBusy : Number.POSITIVE_INFINITY);
    const cpuCap = opts.cpuCap ?? 2 * os.availableParallelism();
    this.cpuGate = cpuCap > 0 ? new CpuGate(cpuCap) : null;
    const given = Object.fromEntries(Object.entries(opts.isolation ?? {}).filter(([, v]) => v !== undefined));
    const settings: IsolationSettings = { ...DEFAULT_ISOLATION, ...given };
    this.isolation = { plan: detectIsolation(settings), settings };
    this.nodePath = opts.nodePath ?? sandboxNode().nodePath;
    const runtime = nodeOf(this.nodePath);
    this.runtime = runtime.id;
    this.nodeMajor = runtime.major;
    this.uids = new UidAllocator(opts.uidBase);
    this.capRetirement = new CapRetirement(opts.maxSandboxes, this.log);
    this.workDir = prepareWorkDir(
      this.isolation.plan,
      { workDir: opts.workDir, hostScript: opts.hostScript, nodePath: this.nodePath },
      this.runtime,
      this.log,
    );
    this.network = new EgressPlanner(this.isolation.plan, this.workDir, opts.network ?? {}, this.log);
    this.hub = new Hub(this.workDir, MAX_LANE_FRAME_BYTES);
    const spawnerScript = path.join(path.dirname(opts.hostScript), "spawner.mjs");
    this.spawner = new SpawnerClient(spawnerScript, this.baseEnv, this.log, this.network.plan.namespaces);
    this.reaper = setInterval(() => this.reap(), Math.min(10_000, Math.max(250, opts.idleMs / 4)));
    this.reaper.unref();
    this.calls = new InFlightCalls({
      killGraceMs: opts.killGraceMs,
      initTimeoutMs: opts.initTimeoutMs,
      onSandboxKilled: opts.onSandboxKilled,
      onConnections: opts.onConnections,
      log: this.log,
    });
    this.prewarmed = new PrewarmPool(opts.prewarm, () => this.spawn(), this.log);
    // Their namespaces deny the database's addresses: known once its host name is resolved.
    this.ready = this.network.ready.then(() => this.prewarmed.fill());
  }

  /** Resolves once the pre-spawned sandboxes are booted (for start-up and benchmarks). */
  async warm(): Promise<void> {
    await this.hub.listening;
    await this.ready;
    await this.prewarmed.booted();
  }

  async invoke(spec: FunctionSpec, req: InvokeRequest): Promise<InvokeResult> {
    if (this.stopping) {
      const error = runtimeError("Sandbox.Unavailable", "The server is shutting down");
      return failure(spec, req, Date.now(), "Crash", error);
    }
    const key = poolKey(spec.functionId, spec.version);
    const arrived = Date.now();
    // A CPU-bound version's call waits its turn among all CPU-bound calls; whether it got one, it runs.
    if (!this.cpuGate || !this.queue.cpuBound(key)) return this.placeAndRun(spec, req, key, arrived, false);
    const entered = this.cpuGate.enter(spec.timeoutMs);
    const gated = entered === true || (await entered);
    try {
      return await this.placeAndRun(spec, req, key, arrived, entered !== true);
    } finally {
      if (gated) this.cpuGate.leave();
    }
  }

  private async placeAndRun(
    spec: FunctionSpec,
    req: InvokeRequest,
    key: string,
    arrived: number,
    waited: boolean,
  ): Promise<InvokeResult> {
    // No await between the last look and sb.begin below: concurrent calls see each other's instances as busy.
    for (let budget = this.waitBudget(spec, key, arrived); budget > 0; budget = this.waitBudget(spec, key, arrived)) {
      waited = true;
      if (!(await this.queue.wait(key, budget))) break;
    }
    const placedAt = Date.now();
    const { sb, inst, cold, oneShot } = this.place(spec);
    sb.begin(inst);
    if (oneShot) sb.drain();
    const unready = await whyUnready(sb, req.requestId);
    if (unready) {
      sb.end(inst, true);
      return failure(spec, req, Date.now(), "Crash", unready);
    }
    const crowd = contention();
    const result = await this.calls.start(sb, inst, spec, req, cold);
    // Only a call that waited: a millisecond tick between arrival and placement is not a queue.
    if (waited) result.queuedMs = placedAt - arrived;
    // What a cold start added: everything between placement and the answer that was not the call.
    const coldMs = cold ? Math.max(0, Date.now() - placedAt - result.durationMs) : undefined;
    this.queue.done(key, result.durationMs, coldMs, result.cpuMs, Math.max(crowd, contention()));
    return result;
  }

  /** How much longer a call may wait for an instance of its version to free (0 or less: place it now). */
  private waitBudget(spec: FunctionSpec, key: string, arrived: number): number {
    return this.queue.budgetAt(key, this.pools.serving(key, spec.revision), this.perSandbox, arrived);
  }

  retire(functionId: string, keepRevision?: number): void {
    this.pools.retire(functionId, keepRevision);
  }

  stats(): ExecutorStats {
    let instances = 0;
    let busy = 0;
    for (const sb of this.sandboxes) {
      for (const i of sb.instances.values()) {
        if (i.dead) continue;
        instances++;
        if (i.active > 0) busy++;
      }
    }
    return {
      sandboxes: this.sandboxes.size,
      prewarmed: this.prewarmed.size,
      instances,
      busy,
      sandboxPids: [...this.sandboxes].map((s) => s.pid).filter((p): p is number => p !== undefined),
      isolation: this.isolationSummary(),
      network: this.network.summary,
      runtime: this.runtime,
    };
  }

  isolationSummary(): ExecutorStats["isolation"] {
    return isolationSummary(this.isolation.plan, this.network.summary);
  }

  /** Lets in-flight invocations finish (bounded), then kills every sandbox. */
  async shutdown(graceMs = 30_000): Promise<void> {
    this.stopping = true;
    clearInterval(this.reaper);
    this.prewarmed.stop();
    const until = Date.now() + graceMs;
    while (this.calls.size > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    const exits = [...this.sandboxes].map((sb) => sb.exited);
    for (const sb of this.sandboxes) sb.kill();
    await Promise.race([Promise.all(exits), new Promise((r) => setTimeout(r, 5000))]);
    await this.hub.close();
    await this.spawner.stop();
    if (this.workDir !== this.opts.workDir) rmSync(this.workDir, { recursive: true, force: true });
  }

  // ---- where a call runs ---------------------------------------------------------------

  /** A warm idle instance of this revision, else a cold one on a lane, else a new sandbox. */
  private place(spec: FunctionSpec): { sb: Sandbox; inst: InstanceState; cold: boolean; oneShot?: boolean } {
    const key = poolKey(spec.functionId, spec.version);
    const serving = this.pools.serving(key, spec.revision);
    const capacity = spec.instanceConcurrency ?? 1;
    if (!serving) {
      const sb = this.newSandboxFor(spec);
      return { sb, inst: sb.newInstance(capacity), cold: true, oneShot: true };
    }
    const placement = choosePlacement(serving, this.perSandbox);
    if (placement.kind === "warm") return { sb: placement.sb, inst: placement.inst, cold: false };
    let sb: Sandbox;
    if (placement.kind === "cold") sb = placement.sb;
    else {
      sb = this.newSandboxFor(spec);
      this.pools.add(key, sb);
    }
    return { sb, inst: sb.newInstance(capacity), cold: true };
  }

  private newSandboxFor(spec: FunctionSpec): Sandbox {
    this.retireOverCap(1);
    // Pre-spawned sandboxes have the default /tmp and network; a function with another needs its own.
    const tmpMb = spec.tmpMb ?? this.isolation.settings.tmpMb;
    const standard = tmpMb === this.isolation.settings.tmpMb && this.network.isDefault(spec.egress);
    const sb = (standard ? this.prewarmed.take() : undefined) ?? this.spawn(spec.memoryMb, tmpMb, spec.egress);
    sb.assigned = assignFunction(sb, spec, this.log);
    sb.assigned.catch(() => {});
    return sb;
  }

  private spawn(spareMemoryMb = 128, tmpMb = this.isolation.settings.tmpMb, egress?: EgressSetting): Sandbox {
    const id = `sbx-${randomBytes(8).toString("hex")}`;
    const sb = new Sandbox(
      {
        id,
        hostScript: this.opts.hostScript,
        socketPath: this.hub.path,
        socketReady: this.hub.listening,
        workDir: this.workDir,
        spareMemoryMb,
        baseEnv: this.baseEnv,
        nodePath: this.nodePath,
        nodeMajor: this.nodeMajor,
        isolation: this.isolation,
        uid: this.uids.allocate(),
        tmpMb,
        ...this.network.forSandbox(id, egress),
      },
      {
        onResult: (s, i, h, b) => this.calls.result(s, i, h, b),
        onFatal: (_s, i, f) => this.calls.fatal(i, f),
        onLogs: (_s, i, f) => this.calls.logs(i, f),
        onChunk: (s, i, f, b) => this.calls.chunk(s, i, f, b),
        onInstanceExit: (s, m) => this.calls.instanceExited(s, m),
        onExit: (s, code, signal, stderr) => this.onSandboxExit(s, code, signal, stderr),
      },
      this.spawner,
    );
    this.hub.register(sb.id, sb);
    this.sandboxes.add(sb);
    return sb;
  }

  /** Retires idle sandboxes, least recently used first, so that `incoming` more fit under maxSandboxes. */
  private retireOverCap(incoming = 0): void {
    this.capRetirement.retire(
      [...this.sandboxes].filter((s) => s.state === "assigned"),
      incoming,
    );
  }

  /** A sandbox process exited: it is forgotten, and the calls it held end as crashes. */
  private onSandboxExit(sb: Sandbox, code: number | null, signal: NodeJS.Signals | null, stderr: string): void {
    this.sandboxes.delete(sb);
    this.hub.unregister(sb.id);
    if (!this.stopping) this.prewarmed.exited(sb, `code ${code}, signal ${signal}): ${stderr.slice(-300)}`);
    this.pools.forget(sb);
    this.calls.sandboxExited(sb, code, signal, stderr);
  }

  /** Idle instances and sandboxes past the keep-alive retire; so do idle sandboxes over the cap. */
  private reap(): void {
    this.retireOverCap();
    const now = Date.now();
    for (const sb of this.sandboxes) {
      if (sb.state !== "assigned") continue;
      for (const inst of sb.instances.values()) {
        if (inst.active === 0 && !inst.dead && now - inst.lastUsed > this.opts.idleMs) sb.killInstance(inst.iid);
      }
      if (sb.inFlight === 0 && now - sb.lastUsed > this.opts.idleMs) sb.drain();
    }
  }
}
