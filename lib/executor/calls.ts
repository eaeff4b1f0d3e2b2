/**
 * The calls in flight, and the events that end each: the instance's reply, the deadline, the
 * instance dying, or its whole sandbox dying. Every way ends in `settle` (the call stops being
 * pending, its sandbox learns it ended) and one result from outcomes.ts.
 */
import { armDeadline, DEFAULT_KILL_GRACE_MS, endAfterDeadline } from "@/lib/executor/deadlines";
import { admitLines, LogBudget } from "@/lib/executor/log-budget";
import {
  crashed,
  describeExit,
  fromReply,
  stderrSaysOutOfMemory,
  timedOut,
  type CallState,
} from "@/lib/executor/outcomes";
import type { FatalFrame, FromHost, LogsFrame, ResultFrame } from "@/lib/executor/protocol";
import type { InstanceState, Sandbox } from "@/lib/executor/sandbox";
import { untrustedError } from "@/lib/executor/serialize-error";
import {
  MAX_LOG_BYTES_PER_INVOCATION,
  type FunctionSpec,
  type InvokeRequest,
  type InvokeResult,
  type SandboxKilledEvent,
} from "@/lib/executor/types";
import type { Logger } from "@/lib/log";

/** The instance's own cap plus room for its truncation marker. */
const SUPERVISOR_LOG_LIMIT = MAX_LOG_BYTES_PER_INVOCATION + 1024;

/** A call in flight. */
interface Pending extends CallState {
  sb: Sandbox;
  inst: InstanceState;
  timer: NodeJS.Timeout;
  /** The uncaught error the instance reported as it died, if it managed to. */
  fatal?: FatalFrame;
  resolve: (r: InvokeResult) => void;
}

export interface CallsOptions {
  /** After a deadline, how long the worker gets to stop before the sandbox is SIGKILLed. */
  killGraceMs?: number;
  /** Told after a timeout or crash ended an instance or a sandbox (must not block). */
  onSandboxKilled?: (e: SandboxKilledEvent) => void;
  log: Logger;
}

export class InFlightCalls {
  /** By instance id: an instance runs one call at a time. */
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly o: CallsOptions) {}

  get size(): number {
    return this.pending.size;
  }

  /** Sends the call to the instance (which `sb.begin` already counted) and resolves when it ends. */
  start(
    sb: Sandbox,
    inst: InstanceState,
    spec: FunctionSpec,
    req: InvokeRequest,
    cold: boolean,
  ): Promise<InvokeResult> {
    const startedAt = Date.now();
    return new Promise<InvokeResult>((resolve) => {
      const timer = armDeadline(spec.timeoutMs, () => this.timedOut(inst.iid));
      const budget = new LogBudget(SUPERVISOR_LOG_LIMIT);
      this.pending.set(inst.iid, { sb, inst, spec, req, startedAt, cold, timer, logs: [], budget, resolve });
      const deadline = startedAt + spec.timeoutMs;
      sb.invoke(inst, { t: "invoke", id: req.requestId, deadline, clientContext: req.clientContext }, req.payload);
    });
  }

  fatal(inst: InstanceState, f: FatalFrame): void {
    const p = this.pending.get(inst.iid);
    if (p) p.fatal = f;
  }

  logs(inst: InstanceState, f: LogsFrame): void {
    const p = this.pending.get(inst.iid);
    if (p && p.req.requestId === f.id) admitLines(f.logs, p.budget, p.logs);
  }

  result(sb: Sandbox, inst: InstanceState, h: ResultFrame, body: Buffer): void {
    const p = this.pending.get(inst.iid);
    // Only the reply to the invocation this instance was given counts.
    if (!p || p.sb !== sb || p.req.requestId !== h.id || typeof h.ok !== "boolean") return;
    const { result, initFailed } = fromReply(p, h, body);
    // A module that failed to load ends its instance; the next call starts a fresh one.
    if (initFailed) inst.dead = true;
    this.settle(p, true);
    p.resolve(result);
  }

  private timedOut(iid: number): void {
    const p = this.pending.get(iid);
    if (!p) return;
    this.settle(p, false);
    p.resolve(timedOut(p));
    this.reportKill(p, "timeout");
    endAfterDeadline(p.sb, iid, this.o.killGraceMs ?? DEFAULT_KILL_GRACE_MS);
  }

  instanceExited(sb: Sandbox, msg: Extract<FromHost, { t: "exit" }>): void {
    sb.removeInstance(msg.iid);
    const p = this.pending.get(msg.iid);
    if (!p || p.sb !== sb) return;
    this.settle(p, false);
    const detail = msg.oom
      ? `JavaScript heap out of memory (limit ${p.spec.memoryMb} MB)`
      : describeExit(msg.code, untrustedError(p.fatal?.error ?? msg.error));
    p.resolve(crashed(p, msg.oom, detail, p.fatal?.logs));
    this.reportKill(p, msg.oom ? "out-of-memory" : "crash");
    // A crash mid-invocation: this sandbox takes no new work and goes when idle.
    sb.drain();
  }

  sandboxExited(sb: Sandbox, code: number | null, signal: NodeJS.Signals | null, stderr: string): void {
    const oom = stderrSaysOutOfMemory(stderr);
    for (const p of [...this.pending.values()]) {
      if (p.sb !== sb) continue;
      this.settle(p, false);
      p.resolve(
        crashed(p, oom, oom ? "out of memory" : signal ? `signal: ${signal}` : `exit status ${code}`, p.fatal?.logs),
      );
      this.reportKill(p, oom ? "out-of-memory" : "crash");
    }
  }

  /** The call is answered: no deadline, no longer pending; the instance takes the next one if `reusable`. */
  private settle(p: Pending, reusable: boolean): void {
    clearTimeout(p.timer);
    this.pending.delete(p.inst.iid);
    p.sb.end(p.inst, reusable);
  }

  private reportKill(p: Pending, reason: SandboxKilledEvent["reason"]): void {
    const listener = this.o.onSandboxKilled;
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
      this.o.log.error(`onSandboxKilled listener failed: ${(err as Error).message}`, {
        functionName: event.functionName,
        requestId: event.requestId,
      });
    }
  }
}
