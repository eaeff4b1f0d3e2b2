/**
 * The calls in flight, and the events that end each: the instance's reply, the deadline, the
 * instance dying, or its whole sandbox dying. Every way ends in `settle` (the call stops being
 * pending, its sandbox learns it ended) and one result from outcomes.ts. An instance runs one
 * call at a time unless its function allows more (instance concurrency): a call that times out
 * is answered at once and its instance ends — with it, or with the last of the calls it still runs.
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
import { ConnectionLedger } from "@/lib/executor/network/records";
import type { ChunkFrame, FatalFrame, FromHost, InvokeFrame, LogsFrame, ResultFrame } from "@/lib/executor/protocol";
import { CallStream } from "@/lib/executor/stream";
import type { InstanceState, Sandbox } from "@/lib/executor/sandbox";
import { untrustedError } from "@/lib/executor/serialize-error";
import {
  MAX_LOG_BYTES_PER_INVOCATION,
  type FunctionSpec,
  type InvokeRequest,
  type ConnectionRecord,
  type InvokeResult,
  type LogEntry,
  type SandboxKilledEvent,
} from "@/lib/executor/types";
import type { Logger } from "@/lib/log";
import { stageTimesOn, stamp } from "@/lib/stage-times";

/**
 * A cold start's module init has its own budget, as on Lambda (10 s there too): the function's
 * timeout starts when the instance says its module has loaded (LogsFrame.initDone).
 */
export const INIT_TIMEOUT_MS = 10_000;

/** The instance's own cap plus room for its truncation marker. */
const SUPERVISOR_LOG_LIMIT = MAX_LOG_BYTES_PER_INVOCATION + 1024;

/** A call in flight. */
interface Pending extends CallState {
  sb: Sandbox;
  inst: InstanceState;
  timer: NodeJS.Timeout;
  /** The uncaught error the instance reported as it died, if it managed to. */
  fatal?: FatalFrame;
  /** Its outbound connections, judged as they arrive. */
  ledger: ConnectionLedger;
  /** Its response stream, if the handler streams. */
  stream: CallStream;
  /** It was placed before its instance's module loaded: its deadline includes the init budget. */
  initBudget: boolean;
  resolve: (r: InvokeResult) => void;
}

export interface CallsOptions {
  /** After a deadline, how long the worker gets to stop before the sandbox is SIGKILLed. */
  killGraceMs?: number;
  /** A cold start's init budget (default INIT_TIMEOUT_MS). */
  initTimeoutMs?: number;
  /** Told after a timeout or crash ended an instance or a sandbox (must not block). */
  onSandboxKilled?: (e: SandboxKilledEvent) => void;
  /** Told each answered call's outbound connections, if it made any (must not block). */
  onConnections?: (functionId: string, requestId: string, rows: ConnectionRecord[]) => void;
  log: Logger;
}

export class InFlightCalls {
  /** By instance id, then request id (one entry per instance unless its function allows more). */
  private readonly pending = new Map<number, Map<string, Pending>>();
  private count = 0;

  constructor(private readonly o: CallsOptions) {}

  get size(): number {
    return this.count;
  }

  private find(inst: InstanceState, id: unknown): Pending | undefined {
    return typeof id === "string" ? this.pending.get(inst.iid)?.get(id) : undefined;
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
      const initBudget = cold || !inst.ready;
      const init = initBudget ? (this.o.initTimeoutMs ?? INIT_TIMEOUT_MS) : 0;
      const budget = new LogBudget(SUPERVISOR_LOG_LIMIT);
      const ledger = new ConnectionLedger();
      const lane = { pause: () => inst.lane?.pause(), resume: () => inst.lane?.resume() };
      const stream = new CallStream(req.stream, lane);
      const timer = armDeadline(spec.timeoutMs + init, () => this.timedOut(call));
      const call: Pending = {
        sb,
        inst,
        spec,
        req,
        startedAt,
        cold,
        timer,
        logs: [],
        budget,
        ledger,
        stream,
        resolve,
        initBudget,
      };
      let calls = this.pending.get(inst.iid);
      if (!calls) {
        calls = new Map();
        this.pending.set(inst.iid, calls);
      }
      calls.set(req.requestId, call);
      this.count++;
      const deadline = startedAt + spec.timeoutMs;
      const frame: InvokeFrame = { t: "invoke", id: req.requestId, deadline, clientContext: req.clientContext };
      if (req.invokedArn) frame.invokedArn = req.invokedArn;
      if (req.trace) frame.tr = req.trace;
      if (stageTimesOn) frame.st = 1;
      sb.invoke(inst, frame, req.payload);
      stamp("sent");
    });
  }

  fatal(inst: InstanceState, f: FatalFrame): void {
    const p = this.find(inst, f.id);
    if (p) p.fatal = f;
  }

  logs(inst: InstanceState, f: LogsFrame): void {
    const p = this.find(inst, f.id);
    if (!p) return;
    if (f.initDone === true && !inst.ready) this.initDone(inst);
    admitLines(f.logs, p.budget, p.logs);
    if (f.connections !== undefined) admitLines(p.ledger.admit(f.connections, p.sb.egress), p.budget, p.logs);
  }

  /**
   * The instance's module has loaded (once: a forged frame can at most end the init budget early):
   * the calls that waited for it get their own timeout from now.
   */
  private initDone(inst: InstanceState): void {
    inst.ready = true;
    for (const p of this.pending.get(inst.iid)?.values() ?? []) {
      if (!p.initBudget) continue;
      p.initBudget = false;
      clearTimeout(p.timer);
      p.timer = armDeadline(p.spec.timeoutMs, () => this.timedOut(p));
    }
  }

  chunk(sb: Sandbox, inst: InstanceState, f: ChunkFrame, body: Buffer): void {
    const p = this.find(inst, f.id);
    if (p && p.sb === sb) p.stream.chunk(f, body);
  }

  result(sb: Sandbox, inst: InstanceState, h: ResultFrame, body: Buffer): void {
    const p = this.find(inst, h.id);
    // Only the reply to an invocation this instance was given counts.
    if (!p || p.sb !== sb || typeof h.ok !== "boolean") return;
    inst.ready = true;
    const denied = p.ledger.admit(h.connections, sb.egress);
    p.ledger.droppedByInstance(h.connectionsDropped);
    const { result, initFailed } = fromReply(p, h, body);
    p.stream.finish(result, h.streamed === true);
    // A module that failed to load ends its instance; the next call starts a fresh one.
    if (initFailed) inst.dead = true;
    this.settle(p, true);
    this.answer(p, result, denied);
    // The instance had a call time out: it goes with its last call.
    if (inst.retiring && inst.active === 0) this.endInstance(p);
  }

  private timedOut(p: Pending): void {
    if (this.pending.get(p.inst.iid)?.get(p.req.requestId) !== p) return;
    this.settle(p, false);
    this.answer(p, timedOut(p));
    this.reportKill(p, "timeout");
    // Its handler may hold the thread or not; the calls still running on the instance get their own deadlines.
    if (p.inst.active === 0) this.endInstance(p);
  }

  private endInstance(p: Pending): void {
    endAfterDeadline(p.sb, p.inst.iid, this.o.killGraceMs ?? DEFAULT_KILL_GRACE_MS);
  }

  instanceExited(sb: Sandbox, msg: Extract<FromHost, { t: "exit" }>): void {
    sb.removeInstance(msg.iid);
    const calls = [...(this.pending.get(msg.iid)?.values() ?? [])].filter((p) => p.sb === sb);
    for (const p of calls) this.instanceCrashed(sb, p, msg);
    // A crash mid-invocation: this sandbox takes no new work and goes when idle.
    if (calls.length) sb.drain();
  }

  private instanceCrashed(sb: Sandbox, p: Pending, msg: Extract<FromHost, { t: "exit" }>): void {
    this.settle(p, false);
    const over = typeof msg.overMb === "number" && Number.isFinite(msg.overMb) ? Math.round(msg.overMb) : null;
    const detail = msg.oom
      ? over !== null
        ? `memory used ${over} MB, over the ${p.spec.memoryMb} MB limit (heap, Buffers and ArrayBuffers)`
        : `JavaScript heap out of memory (limit ${p.spec.memoryMb} MB)`
      : describeExit(msg.code, untrustedError(p.fatal?.error ?? msg.error));
    const denied = p.ledger.admit(p.fatal?.connections, sb.egress);
    this.answer(p, crashed(p, msg.oom, detail, p.fatal?.logs), denied);
    this.reportKill(p, msg.oom ? "out-of-memory" : "crash");
  }

  sandboxExited(sb: Sandbox, code: number | null, signal: NodeJS.Signals | null, stderr: string): void {
    const oom = stderrSaysOutOfMemory(stderr);
    for (const p of [...this.pending.values()].flatMap((calls) => [...calls.values()])) {
      if (p.sb !== sb) continue;
      this.settle(p, false);
      const denied = p.ledger.admit(p.fatal?.connections, sb.egress);
      const detail = oom ? "out of memory" : signal ? `signal: ${signal}` : `exit status ${code}`;
      this.answer(p, crashed(p, oom, detail, p.fatal?.logs), denied);
      this.reportKill(p, oom ? "out-of-memory" : "crash");
    }
  }

  /** The call is answered: no deadline, no longer pending; the instance takes the next one if `reusable`. */
  private settle(p: Pending, reusable: boolean): void {
    clearTimeout(p.timer);
    const calls = this.pending.get(p.inst.iid);
    if (calls?.delete(p.req.requestId)) this.count--;
    if (calls?.size === 0) this.pending.delete(p.inst.iid);
    p.sb.end(p.inst, reusable);
  }

  /** Resolves the call, with its connections (handed to the listener too). */
  private answer(p: Pending, result: InvokeResult, denied?: LogEntry[]): void {
    withConnections(p, result, denied);
    if (!result.streamed && p.stream.started) p.stream.finish(result, true);
    p.resolve(result);
    const rows = result.connections;
    if (!rows?.length || !this.o.onConnections) return;
    try {
      this.o.onConnections(p.spec.functionId, p.req.requestId, rows);
    } catch (err) {
      this.o.log.error(`onConnections listener failed: ${(err as Error).message}`, { requestId: p.req.requestId });
    }
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

/**
 * Puts the call's connections on its result, and the `[network]` lines of the last ones reported
 * among its log lines by time (a line says when the connection failed, so it lands where it happened).
 */
function withConnections(p: Pending, result: InvokeResult, denied: LogEntry[] = []): InvokeResult {
  const { records } = p.ledger;
  const summary = p.ledger.summaryLine();
  if (!records.length && !summary) return result;
  admitLines([...denied, ...(summary ? [summary] : [])], p.budget, result.logs);
  if (p.ledger.lines) result.logs.sort((a, b) => a.ts - b.ts);
  result.connections = records;
  result.connectionsDropped = p.ledger.dropped;
  return result;
}
