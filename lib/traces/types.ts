/**
 * A trace as the console and the OTLP exporter see it: spans on one timeline. Platform spans are
 * derived from what Nimbus records anyway (an invocation's row, a workflow execution's history);
 * user spans are the function's own, through the OpenTelemetry API (lib/traces/store.ts).
 */
export type SpanKind =
  /** Nimbus receiving and admitting the call (signature, body, resolve, concurrency). */
  | "request"
  /** Waiting for a busy instance of the function to free. */
  | "queue"
  /** A cold start's Init (the module loading). */
  | "init"
  | "handler"
  /** A span the function made through @opentelemetry/api. */
  | "user"
  /** A workflow execution, start to end. */
  | "execution"
  /** One state of a workflow execution, entered to exited. */
  | "state";

export interface TraceSpan {
  spanId: string;
  parentSpanId: string | null;
  name: string;
  kind: SpanKind;
  /** Who did the work: a function's name, `workflow:<state machine>`. */
  service: string;
  /** Epoch milliseconds (fractional). */
  startMs: number;
  durationMs: number;
  status: "ok" | "error";
  attributes: Record<string, string | number | boolean>;
  /** The invocation the span belongs to (its log lines: /api/invocations/<requestId>/log). */
  requestId?: string;
  functionName?: string;
  /** Workflow spans: the execution's state machine and name (its page in the console). */
  execution?: { stateMachine: string; name: string };
}

export interface Trace {
  traceId: string;
  spans: TraceSpan[];
}

/** One trace in the Traces list: its root and its extent. */
export interface TraceSummary {
  traceId: string;
  rootName: string;
  service: string;
  startedAt: Date;
  durationMs: number;
  spanCount: number;
  error: boolean;
}
