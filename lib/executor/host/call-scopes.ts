/**
 * Which invocation a console line or an outbound connection belongs to. An instance that runs one
 * call at a time has a single scope: whatever is written goes with the call running (or the next
 * one). One that runs several at once (instance concurrency) runs each call in an
 * AsyncLocalStorage context of its own, so a line goes with the call whose code — or whose
 * promises, timers and callbacks — wrote it. What is written outside every running call (a timer
 * an ended call left behind, a module-level callback) goes with the oldest call running, or with
 * the next one to start.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { LogCapture } from "@/lib/executor/host/log-capture";
import { NetObserver } from "@/lib/executor/host/net-observer";
import type { CallTrace, UserSpan } from "@/lib/executor/types";

export interface CallScope {
  /** The call's request id; null while the single scope waits for its next call. */
  id: string | null;
  capture: LogCapture;
  net: NetObserver;
  /** When its lines were last shipped (they leave at most every LOG_SHIP_MS while it runs). */
  lastShip: number;
  /** The call's trace and the spans it ended (host/tracing.ts). */
  trace: CallTrace | null;
  spans: UserSpan[];
  /** What the call reads as process.env._X_AMZN_TRACE_ID (trace-env.ts): its trace's header, or what it wrote there. */
  traceEnv: string | undefined;
}

export class CallScopes {
  /** Lines and connections outside any call; every call's, when calls run one at a time. */
  readonly base: CallScope;
  private als: AsyncLocalStorage<CallScope> | null = null;
  private readonly live = new Set<CallScope>();

  /** `onAdd`: a scope has a new line or connection record (to ship while its call runs). */
  constructor(private readonly onAdd: (s: CallScope) => void) {
    this.base = this.scope(null);
  }

  /** Several calls may run at once from now on (set once, before the first call). */
  allowConcurrent(): void {
    this.als ??= new AsyncLocalStorage();
  }

  get concurrent(): boolean {
    return this.als !== null;
  }

  /** The scope a line written now belongs to. */
  current(): CallScope {
    if (!this.als) return this.base;
    const s = this.als.getStore();
    if (s && this.live.has(s)) return s;
    for (const oldest of this.live) return oldest;
    return this.base;
  }

  /** A call starts: its scope. */
  begin(id: string, trace: CallTrace | null): CallScope {
    if (!this.als) {
      this.base.id = id;
      this.base.lastShip = 0; // the first line of a call leaves at once
      this.base.trace = trace;
      this.base.spans = [];
      this.base.traceEnv = trace?.h;
      return this.base;
    }
    const s = this.scope(id);
    s.trace = trace;
    // Code outside every call reads the latest call's, as Lambda's one value per instance.
    s.traceEnv = this.base.traceEnv = trace?.h;
    // Lines written while no call ran go with this one.
    s.capture.entries.push(...this.base.capture.take().logs);
    this.live.add(s);
    return s;
  }

  /** Runs `fn` (the call's work) in the call's context. */
  run<T>(s: CallScope, fn: () => T): T {
    return this.als ? this.als.run(s, fn) : fn();
  }

  /** The call is answered: what it writes from now on goes elsewhere. */
  end(s: CallScope): void {
    if (this.als) this.live.delete(s);
    else s.id = null;
    s.trace = null;
  }

  /** The calls running now (an uncaught error ends them all). */
  running(): CallScope[] {
    if (this.als) return [...this.live];
    return this.base.id === null ? [] : [this.base];
  }

  private scope(id: string | null): CallScope {
    const s: CallScope = {
      id,
      capture: new LogCapture(),
      net: new NetObserver(),
      lastShip: 0,
      trace: null,
      spans: [],
      traceEnv: undefined,
    };
    s.capture.onAdd = () => this.onAdd(s);
    s.net.onAdd = () => this.onAdd(s);
    return s;
  }
}
