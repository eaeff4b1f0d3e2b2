/** The executor's public types. Nothing here depends on Next, Prisma or the database. */
import type { EgressSetting } from "@/lib/executor/network/allow";
import type { NetworkSummary } from "@/lib/executor/network/plan";

export type { EgressSetting } from "@/lib/executor/network/allow";
export type { NetworkSummary } from "@/lib/executor/network/plan";

export type Outcome = "Success" | "Error" | "Timeout" | "OutOfMemory" | "Crash" | "Throttled";

export type LogLevel = "INFO" | "WARN" | "ERROR" | "DEBUG" | "TRACE" | "FATAL";

/** One captured console line (without START/END/REPORT, which the supervisor adds). */
export interface LogEntry {
  ts: number;
  level: LogLevel;
  message: string;
}

/** Everything the executor needs to run one version of a function. */
export interface FunctionSpec {
  functionId: string;
  functionName: string;
  /** Bumped on every code/config change; instances are keyed by (functionId, revision). */
  revision: number;
  version: string;
  runtime: string;
  handler: string;
  memoryMb: number;
  timeoutMs: number;
  /**
   * How many calls one instance runs at once (default 1, Lambda's rule; more only for I/O-bound
   * handlers, which then share the instance's module state, memory and thread).
   */
  instanceConcurrency?: number;
  /** Size of the sandbox's /tmp in MB (default 512); sandboxes are sized at start, so another size means a new one. */
  tmpMb?: number;
  /**
   * Outbound network (default: internet, filtered). Fixed when a sandbox starts, so a setting other
   * than the default means a sandbox of its own (pre-spawned ones have the default).
   */
  egress?: EgressSetting;
  env: Record<string, string>;
  codeSha256: string;
  arn: string;
  region: string;
  /** Secret variables, decrypted only when a sandbox is assigned to this version (merged over env). */
  loadSecrets?: () => Record<string, string>;
  /** Files of the code package, loaded lazily when a new sandbox needs them. */
  loadCode: () => Promise<CodeFile[]>;
}

export interface CodeFile {
  path: string;
  data: Uint8Array;
}

export interface InvokeRequest {
  requestId: string;
  /** The event, as JSON text (the supervisor never parses it). */
  payload: Buffer;
  clientContext?: string;
  /** The ARN as invoked, when an alias was: what context.invokedFunctionArn says (else the version's ARN). */
  invokedArn?: string;
  /**
   * Where a streaming handler's bytes go as it writes them (InvokeWithResponseStream, URLs in
   * RESPONSE_STREAM mode). Without one, a streaming handler's bytes are collected into the payload
   * (6 MB at most), as a buffered Invoke of such a handler returns them on AWS.
   */
  stream?: ResponseSink;
  /** The trace the call belongs to: the function sees it as _X_AMZN_TRACE_ID and its spans join it. */
  trace?: CallTrace;
}

/** A call's trace as the instance gets it. */
export interface CallTrace {
  /** The `_X_AMZN_TRACE_ID` value (Root, Parent = the handler's span, Sampled). */
  h: string;
  /** Trace id, 32 hex. */
  t: string;
  /** The handler's span id: the parent of the function's own spans. */
  p: string;
  /** Sampled: the function's spans are recorded (else its tracer hands out non-recording spans). */
  s: 0 | 1;
}

/** A span the function made, as the instance reports it (untrusted: lib/executor/user-spans.ts checks it). */
export interface UserSpan {
  /** Span id and parent span id, 16 hex. */
  i: string;
  p: string;
  n: string;
  /** Start, epoch ms; duration, ms. */
  s: number;
  d: number;
  /** Set when the span's status is ERROR, with its message. */
  e?: string;
  a?: Record<string, string | number | boolean>;
}

/** The receiving end of a response stream. */
export interface ResponseSink {
  /** Bytes past which the stream is cut and the call fails with Function.ResponseSizeTooLarge. */
  maxBytes: number;
  /** Once, before the first chunk: the content type the function set (application/octet-stream by default). */
  start(contentType: string): void;
  /** A chunk, in order. A returned promise holds the function's stream until it settles (backpressure). */
  write(chunk: Buffer): undefined | Promise<void>;
}

export interface SerializedError {
  errorType: string;
  errorMessage: string;
  trace: string[];
}

export interface InvokeResult {
  requestId: string;
  /** The sandbox's stage stamps, when the server measures them (lib/stage-times.ts). */
  stages?: number[];
  outcome: Outcome;
  /** The handler's result (JSON text) on success, the serialized error otherwise. */
  payload: Buffer;
  error?: SerializedError;
  /** True when the event was not valid JSON (the caller answers 400, nothing ran). */
  invalidPayload?: boolean;
  /**
   * Set when the handler streamed its response: its content type and how many bytes it wrote.
   * With a sink they went there (payload is empty on success); without one they are the payload.
   */
  streamed?: { contentType: string; bytes: number };
  startedAt: number;
  durationMs: number;
  billedDurationMs: number;
  initDurationMs?: number;
  /** How long the call waited for a busy instance to free before it ran (lib/executor/queueing.ts). */
  queuedMs?: number;
  /** CPU time of the instance's thread during the handler, ms, as the instance reports it (untrusted). */
  cpuMs?: number;
  /** The function's own spans (checked: lib/executor/user-spans.ts). */
  spans?: UserSpan[];
  memorySizeMb: number;
  maxMemoryUsedMb: number;
  logs: LogEntry[];
  logBytes: number;
  logTruncated: boolean;
  /** Outbound connections the invocation opened or used (at most 100; `connectionsDropped` counts the rest). */
  connections?: ConnectionRecord[];
  connectionsDropped?: number;
}

/** One outbound connection (or attempt), as stored in invocation_connections. */
export interface ConnectionRecord {
  ts: number;
  /** What the function asked for: a host name or an address. */
  host: string;
  /** The address dialled, when it got that far. */
  address: string | null;
  port: number;
  protocol: "tcp" | "tls";
  bytesOut: number;
  bytesIn: number;
  durationMs: number;
  /** False when the platform refused it (the function's log says why, in a `[network]` line). */
  allowed: boolean;
  /** Why it was denied, or the error of an allowed one that failed (ECONNREFUSED, ENOTFOUND…). */
  reason: string | null;
}

/** A sandbox (or one of its instances) the supervisor ended because an invocation timed out or crashed. */
export interface SandboxKilledEvent {
  functionName: string;
  version: string;
  reason: "timeout" | "crash" | "out-of-memory";
  pid: number | null;
  requestId: string;
}

export interface ExecutorStats {
  sandboxes: number;
  prewarmed: number;
  instances: number;
  busy: number;
  sandboxPids: number[];
  /** How sandboxes are walled in on this server ("full" needs bubblewrap and root). */
  isolation: { level: "full" | "reduced"; layers: string[]; missing: string[]; network: NetworkSummary };
  /** What outbound network sandboxes get here, and why (docs/network.md). */
  network: NetworkSummary;
  /** The runtime that runs user code, e.g. nodejs20.x. */
  runtime: string;
}

export interface Executor {
  invoke(spec: FunctionSpec, req: InvokeRequest): Promise<InvokeResult>;
  /** Stop routing new work to instances of older revisions of this function. */
  retire(functionId: string, keepRevision?: number): void;
  stats(): ExecutorStats;
  /** Lets running calls finish for up to graceMs, then ends every sandbox. */
  shutdown(graceMs?: number): Promise<void>;
}

/** Limits shared by the worker, the sandbox host and the supervisor. */
export const MAX_RESPONSE_BYTES = 6 * 1024 * 1024;
export const MAX_LOG_BYTES_PER_INVOCATION = 256 * 1024;
