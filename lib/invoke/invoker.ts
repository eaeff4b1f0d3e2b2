/**
 * The data plane: resolve (cached) → admit (concurrency) → execute (sandbox) → record
 * (batched, off the path). No database round trip happens here for a warm function.
 */
import { randomUUID } from "node:crypto";
import { AppError, notFound } from "@/lib/errors";
import type { Executor, InvokeResult, ResponseSink } from "@/lib/executor/types";
import { invocationLines, tailBase64 } from "@/lib/logs/format";
import type { RecordWriter } from "@/lib/logs/writer";
import { stamp, stampSandbox, stageTimesOn } from "@/lib/stage-times";
import type { Admission } from "@/lib/invoke/admission";
import { parseFunctionRef } from "@/lib/function-ref";
import type { FunctionResolver, ResolvedFunction } from "@/lib/invoke/resolver";
import { amznTraceId, invocationSpanIds, type TraceContext, traceIdFromRequestId } from "@/lib/traces/context";

export type Trigger = "api" | "console" | "schedule" | "async" | "url" | "sqs" | "workflow";

/** How one invocation is run and recorded. */
export interface RunOptions {
  requestId: string;
  trigger: Trigger;
  clientContext?: string;
  /** 1 for the first try; async retries count up. */
  attempt?: number;
  /** For a function URL request: recorded with the invocation, the status decided from the result. */
  http?: { method: string; path: string; statusOf(result: InvokeResult): number };
  /** Where a streaming handler's bytes go as they are written (InvokeWithResponseStream, RESPONSE_STREAM URLs). */
  stream?: ResponseSink;
  /** The qualifier as invoked: an alias shows in context.invokedFunctionArn, as on Lambda. */
  qualifier?: string;
  /** A batch from an event source mapping: its source and size, recorded with the invocation. */
  eventSource?: { arn: string; batchSize: number };
  /** The trace the caller is in (a header, a workflow's state, an async event's); none: a new one. */
  trace?: TraceContext | null;
  /** When the request arrived (Date.now()), for the trace's request span. */
  receivedAt?: number;
}
export type InvocationType = "RequestResponse" | "Event" | "DryRun";

export const MAX_SYNC_PAYLOAD_BYTES = 6 * 1024 * 1024;
export const MAX_ASYNC_PAYLOAD_BYTES = 1024 * 1024;

export interface InvokeParams {
  functionRef: string;
  qualifier?: string | null;
  payload: Buffer;
  invocationType?: InvocationType;
  logType?: "None" | "Tail";
  trigger: Trigger;
  clientContext?: string;
  requestId?: string;
  /** InvokeWithResponseStream: where a streaming handler's bytes go as they are written. */
  stream?: ResponseSink;
  trace?: TraceContext | null;
  receivedAt?: number;
}

export type InvokeOutcome =
  | {
      kind: "sync";
      requestId: string;
      result: InvokeResult;
      functionError?: "Unhandled";
      logTail?: string;
      executedVersion: string;
    }
  | { kind: "accepted"; requestId: string }
  | { kind: "dryRun"; requestId: string };

export interface AsyncSink {
  /** Resolves once the event is stored durably. */
  /** `qualifier`: what the caller invoked (an alias, a version, $LATEST), whose async settings apply. */
  enqueue(
    fn: ResolvedFunction,
    payload: Buffer,
    requestId: string,
    qualifier?: string,
    trace?: TraceContext | null,
  ): Promise<void>;
}

export class Invoker {
  asyncSink: AsyncSink | null = null;
  /** Head sampling: the share of calls, without a caller's decision, whose own spans are kept (lib/traces). */
  traceSampleRatio = 1;
  /** NIMBUS_TRACING: false leaves invocations out of traces (no context to the function, none recorded). */
  tracing = true;

  constructor(
    private readonly resolver: FunctionResolver,
    private readonly admission: Admission,
    private readonly executor: Executor,
    private readonly writer: RecordWriter,
  ) {}

  /** The unqualified ARN of a function of this server. */
  arnOf(name: string): string {
    return this.resolver.arnOf(name);
  }

  async resolve(functionRef: string, qualifier?: string | null): Promise<ResolvedFunction> {
    return this.resolveRef(parseFunctionRef(functionRef, qualifier));
  }

  private async resolveRef({ name, qualifier: q }: { name: string; qualifier: string }): Promise<ResolvedFunction> {
    const fn = await this.resolver.get(name, q);
    if (!fn) throw notFound(`Function not found: ${this.resolver.arnOf(name)}${q !== "$LATEST" ? `:${q}` : ""}`);
    return fn;
  }

  async invoke(p: InvokeParams): Promise<InvokeOutcome> {
    const type = p.invocationType ?? "RequestResponse";
    const requestId = p.requestId ?? randomUUID();
    const limit = type === "Event" ? MAX_ASYNC_PAYLOAD_BYTES : MAX_SYNC_PAYLOAD_BYTES;
    if (p.payload.byteLength > limit) {
      throw new AppError(
        "RequestTooLargeException",
        `Request must be smaller than ${limit} bytes for the InvokeFunction operation`,
      );
    }
    const ref = parseFunctionRef(p.functionRef, p.qualifier);
    const fn = await this.resolveRef(ref);
    stamp("resolved");
    const payload = p.payload.byteLength === 0 ? Buffer.from("{}") : p.payload;
    if (type === "DryRun") return { kind: "dryRun", requestId };
    if (type === "Event") {
      try {
        JSON.parse(payload.toString("utf8"));
      } catch {
        throw new AppError(
          "InvalidRequestContentException",
          "Could not parse request body into json: the payload is not valid JSON",
        );
      }
      if (!this.asyncSink)
        throw new AppError("ServiceUnavailableException", "Asynchronous invocation is not available");
      await this.asyncSink.enqueue(fn, payload, requestId, ref.qualifier, p.trace);
      return { kind: "accepted", requestId };
    }
    const result = await this.run(fn, payload, {
      requestId,
      trigger: p.trigger,
      clientContext: p.clientContext,
      stream: p.stream,
      qualifier: ref.qualifier,
      trace: p.trace,
      receivedAt: p.receivedAt,
    });
    return {
      kind: "sync",
      requestId,
      result,
      functionError: result.outcome === "Success" ? undefined : "Unhandled",
      logTail:
        p.logType === "Tail" ? tailBase64(invocationLines(result, result.logs, fn.spec.version), requestId) : undefined,
      executedVersion: fn.spec.version,
    };
  }

  /** Runs one invocation under admission control and records it. Throws on throttle. */
  async run(fn: ResolvedFunction, payload: Buffer, o: RunOptions): Promise<InvokeResult> {
    const { requestId, trigger, clientContext, attempt = 1, http, stream } = o;
    let release: () => void;
    try {
      const slot = this.admission.acquire(fn.record.id, fn.record.reservedConcurrency);
      release = typeof slot === "function" ? slot : await slot;
      stamp("admitted");
    } catch (err) {
      this.recordThrottle(fn, requestId, trigger, payload.byteLength, http);
      throw err;
    }
    // Derived once: the function gets it, and the record keeps its trace id.
    const trace = this.tracing ? this.callTrace(fn, requestId, attempt, o.trace) : undefined;
    let result: InvokeResult;
    try {
      // Through an alias, the handler is told the alias's ARN (its instances are the version's).
      const invokedArn =
        o.qualifier && o.qualifier !== "$LATEST" && o.qualifier !== fn.record.version
          ? `${this.resolver.arnOf(fn.record.name)}:${o.qualifier}`
          : undefined;
      result = await this.executor.invoke(fn.spec, { requestId, payload, clientContext, stream, invokedArn, trace });
      if (stageTimesOn) {
        stampSandbox(result.stages);
        stamp("returned");
      }
    } finally {
      release();
    }
    if (fn.redact) redactResult(result, fn.redact);
    if (result.invalidPayload)
      throw new AppError(
        "InvalidRequestContentException",
        "Could not parse request body into json: the payload is not valid JSON",
      );
    this.writer.push(
      {
        requestId,
        attempt,
        functionId: fn.record.id,
        functionName: fn.record.name,
        version: fn.spec.version,
        trigger,
        startedAt: result.startedAt,
        durationMs: result.durationMs,
        billedDurationMs: result.billedDurationMs,
        initDurationMs: result.initDurationMs ?? null,
        queuedMs: result.queuedMs ?? null,
        memorySizeMb: result.memorySizeMb,
        maxMemoryUsedMb: result.maxMemoryUsedMb,
        outcome: result.outcome,
        errorType: result.error?.errorType ?? null,
        errorMessage: result.error?.errorMessage.slice(0, 4096) ?? null,
        requestBytes: payload.byteLength,
        responseBytes: result.payload.byteLength,
        logBytes: result.logBytes,
        logTruncated: result.logTruncated,
        httpMethod: http?.method ?? null,
        httpPath: http?.path ?? null,
        httpStatus: http ? http.statusOf(result) : null,
        eventSourceArn: o.eventSource?.arn ?? null,
        batchSize: o.eventSource?.batchSize ?? null,
        traceId: trace?.t ?? null,
        parentSpanId: this.tracing ? (o.trace?.parentSpanId ?? null) : null,
        // Arrival to the instance: signature, body, resolve, admission — and a cold call's sandbox start.
        frontMs: o.receivedAt ? Math.max(0, result.startedAt - (result.queuedMs ?? 0) - o.receivedAt) : null,
        spans: result.spans ? JSON.stringify(result.spans) : null,
      },
      result.logs,
    );
    stamp("recorded");
    return result;
  }

  /** The trace context the function gets: its caller's trace (or one from the request id), its handler's span, sampled or not. */
  private callTrace(fn: ResolvedFunction, requestId: string, attempt: number, from: TraceContext | null | undefined) {
    const sampled = fn.record.tracingMode === "Active" || (from?.sampled ?? Math.random() < this.traceSampleRatio);
    const traceId = from?.traceId ?? traceIdFromRequestId(requestId);
    const handlerSpan = invocationSpanIds(requestId, attempt).handler;
    return { h: amznTraceId(traceId, handlerSpan, sampled), t: traceId, p: handlerSpan, s: sampled ? 1 : 0 } as const;
  }

  /** A throttle is not an attempt: it is recorded as attempt 0, so the run that follows keeps its own row. */
  private recordThrottle(
    fn: ResolvedFunction,
    requestId: string,
    trigger: Trigger,
    requestBytes: number,
    http?: RunOptions["http"],
  ): void {
    this.writer.push(
      {
        requestId,
        attempt: 0,
        functionId: fn.record.id,
        functionName: fn.record.name,
        version: fn.spec.version,
        trigger,
        startedAt: Date.now(),
        durationMs: 0,
        billedDurationMs: 0,
        initDurationMs: null,
        memorySizeMb: fn.record.memoryMb,
        maxMemoryUsedMb: 0,
        outcome: "Throttled",
        errorType: "TooManyRequestsException",
        errorMessage: "Rate Exceeded.",
        requestBytes,
        responseBytes: 0,
        logBytes: 0,
        logTruncated: false,
        httpMethod: http?.method ?? null,
        httpPath: http?.path ?? null,
        httpStatus: http ? 429 : null,
      },
      [],
    );
  }
}

/** Secret values never reach stored logs, the log tail or a recorded error message. */
function redactResult(result: InvokeResult, redact: (text: string) => string): void {
  for (const line of result.logs) line.message = redact(line.message);
  if (result.error) result.error.errorMessage = redact(result.error.errorMessage);
}
