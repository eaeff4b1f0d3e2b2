/**
 * The OpenTelemetry API inside an instance: a global tracer provider and an AsyncLocalStorage
 * context manager, registered before user code loads. A function that imports
 * `@opentelemetry/api` (any 1.x up to this one: the API finds its globals by a shared symbol)
 * gets spans that join the call's trace under the handler's span; ended spans go back with the
 * result (ResultFrame.spans) — over the lane, so functions need no network for them. An unsampled
 * call's spans are non-recording. Spans of a call that has ended are dropped, and so are those past
 * a call's budget (MAX_SPANS_PER_CALL, MAX_SPAN_BYTES): a flood costs its own trace, not the frame.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import {
  type Attributes,
  type Context,
  type ContextManager,
  context,
  INVALID_SPAN_CONTEXT,
  ROOT_CONTEXT,
  type Span,
  type SpanContext,
  type SpanOptions,
  SpanStatusCode,
  type SpanStatus,
  type Tracer,
  TraceFlags,
  trace,
} from "@opentelemetry/api";
import type { CallTrace, UserSpan } from "@/lib/executor/types";

/** The trace of the call running now, and where its ended spans go (null outside a call). */
export type CurrentTrace = () => { trace: CallTrace; spans: UserSpan[] } | null;

const now = () => performance.timeOrigin + performance.now();
/** Bounds kept as the spans are made, so a flood costs the function little memory (the server checks again). */
const MAX_SPANS_PER_CALL = 1000;
const MAX_ATTRIBUTES = 32;
const MAX_TEXT = 256;
/** A call's spans travel in its result frame: at most this much of them (about), like its logs. */
const MAX_SPAN_BYTES = 256 * 1024;
const spanBytes = new WeakMap<UserSpan[], number>();

class AlsContextManager implements ContextManager {
  private readonly als = new AsyncLocalStorage<Context>();
  active(): Context {
    return this.als.getStore() ?? ROOT_CONTEXT;
  }
  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(
    ctx: Context,
    fn: F,
    thisArg?: ThisParameterType<F>,
    ...args: A
  ): ReturnType<F> {
    return this.als.run(ctx, () => fn.apply(thisArg, args));
  }
  bind<T>(ctx: Context, target: T): T {
    if (typeof target !== "function") return target;
    const run = (...args: unknown[]) => this.with(ctx, target as (...a: unknown[]) => unknown, undefined, ...args);
    return run as T;
  }
  enable(): this {
    return this;
  }
  disable(): this {
    return this;
  }
}

class RecordingSpan implements Span {
  private readonly start = now();
  private readonly attributes: Attributes = {};
  private status: SpanStatus = { code: SpanStatusCode.UNSET };
  private ended = false;

  constructor(
    private readonly sink: UserSpan[],
    private readonly ctx: SpanContext,
    private readonly parentId: string,
    private name: string,
    attributes: Attributes | undefined,
  ) {
    this.name = String(name).slice(0, MAX_TEXT);
    if (attributes) this.setAttributes(attributes);
  }
  spanContext(): SpanContext {
    return this.ctx;
  }
  setAttribute(key: string, value: unknown): this {
    if (this.ended) return this;
    const known = key in this.attributes;
    if (!known && Object.keys(this.attributes).length >= MAX_ATTRIBUTES) return this;
    if (typeof value === "string") this.attributes[key.slice(0, MAX_TEXT)] = value.slice(0, MAX_TEXT);
    else if (typeof value === "number" || typeof value === "boolean") this.attributes[key.slice(0, MAX_TEXT)] = value;
    return this;
  }
  setAttributes(attributes: Attributes): this {
    for (const [k, v] of Object.entries(attributes)) this.setAttribute(k, v);
    return this;
  }
  addEvent(): this {
    return this;
  }
  addLink(): this {
    return this;
  }
  addLinks(): this {
    return this;
  }
  setStatus(status: SpanStatus): this {
    this.status = status;
    return this;
  }
  updateName(name: string): this {
    this.name = String(name).slice(0, MAX_TEXT);
    return this;
  }
  isRecording(): boolean {
    return !this.ended;
  }
  recordException(exception: unknown): void {
    const e = exception as { name?: unknown; message?: unknown };
    this.setAttribute("exception.type", String(e?.name ?? "Error"));
    this.setAttribute("exception.message", String(e?.message ?? exception));
  }
  end(): void {
    if (this.ended) return;
    this.ended = true;
    if (this.sink.length >= MAX_SPANS_PER_CALL) return;
    let bytes = 80 + this.name.length;
    for (const [k, v] of Object.entries(this.attributes)) bytes += k.length + String(v).length + 8;
    const used = (spanBytes.get(this.sink) ?? 0) + bytes;
    if (used > MAX_SPAN_BYTES) return;
    spanBytes.set(this.sink, used);
    const span: UserSpan = { i: this.ctx.spanId, p: this.parentId, n: this.name, s: this.start, d: now() - this.start };
    if (this.status.code === SpanStatusCode.ERROR) span.e = this.status.message ?? "error";
    if (Object.keys(this.attributes).length) span.a = this.attributes as UserSpan["a"];
    this.sink.push(span);
  }
}

class InstanceTracer implements Tracer {
  constructor(private readonly current: CurrentTrace) {}

  startSpan(name: string, options: SpanOptions = {}, ctx: Context = context.active()): Span {
    const call = this.current();
    if (!call) return trace.wrapSpanContext(INVALID_SPAN_CONTEXT);
    const parent = options.root ? undefined : trace.getSpanContext(ctx);
    const sameTrace = parent && parent.traceId === call.trace.t;
    const spanContext: SpanContext = {
      traceId: call.trace.t,
      spanId: randomBytes(8).toString("hex"),
      traceFlags: call.trace.s ? TraceFlags.SAMPLED : TraceFlags.NONE,
    };
    if (!call.trace.s) return trace.wrapSpanContext(spanContext);
    return new RecordingSpan(
      call.spans,
      spanContext,
      sameTrace ? parent.spanId : call.trace.p,
      name,
      options.attributes,
    );
  }

  startActiveSpan<F extends (span: Span) => unknown>(name: string, ...rest: unknown[]): ReturnType<F> {
    const fn = rest.pop() as F;
    const [options, ctx] = rest as [SpanOptions | undefined, Context | undefined];
    const parentCtx = ctx ?? context.active();
    const span = this.startSpan(name, options, parentCtx);
    return context.with(trace.setSpan(parentCtx, span), fn as (s: Span) => ReturnType<F>, undefined, span);
  }
}

/** Registers the provider and context manager (once per instance, before user code loads). */
export function installTracing(current: CurrentTrace): void {
  const tracer = new InstanceTracer(current);
  context.setGlobalContextManager(new AlsContextManager());
  trace.setGlobalTracerProvider({ getTracer: () => tracer });
}
