/**
 * Messages between the supervisor (in the server) and a sandbox process. Both kinds of
 * connection are made by the sandbox to the supervisor's unix socket (lib/executor/hub.ts)
 * and open with a hello carrying the sandbox's id and secret token:
 *  - control: supervisor <-> sandbox host main thread — assign, start/kill instance, exits;
 *  - lane: supervisor <-> one instance (worker thread) directly — invocations and results,
 *    so the data path has one process hop and no thread relay.
 * A frame is [u32 header length][u32 body length][header JSON][body]. Bodies (events,
 * results) are raw bytes the supervisor never parses.
 */
import type { CallTrace, LogEntry, SerializedError, UserSpan } from "@/lib/executor/types";

/** First frame on every connection to the supervisor. */
export interface Hello {
  t: "hello";
  role: "control" | "lane";
  sandbox: string;
  token: string;
  iid?: number;
}

export interface AssignedFunction {
  functionName: string;
  version: string;
  memoryMb: number;
  handler: string;
  codeDir: string;
  env: Record<string, string>;
  arn: string;
  logGroupName: string;
  /** How many calls an instance runs at once (absent: 1). */
  concurrency?: number;
}

/** Control channel, supervisor → host. */
export type ToHost = { t: "assign"; fn: AssignedFunction } | { t: "start"; iid: number } | { t: "kill"; iid: number };

/** Control channel, host → supervisor. */
export type FromHost =
  | { t: "ready" }
  /** overMb: the host's memory guard ended the instance at this footprint (heap and buffers). */
  | { t: "exit"; iid: number; code: number; oom: boolean; error?: SerializedError; overMb?: number };

/** Lane, supervisor → instance. */
export interface InvokeFrame {
  t: "invoke";
  id: string;
  deadline: number;
  clientContext?: string;
  /** context.invokedFunctionArn when it is not the instance's own ARN (invoked through an alias). */
  invokedArn?: string;
  /** Stamp the sandbox's stages (lib/stage-times.ts): only when the server measures them. */
  st?: 1;
  /** The call's trace (InvokeRequest.trace). */
  tr?: CallTrace;
}

/** Lane, instance → supervisor. */
export interface ResultFrame {
  t: "result";
  id: string;
  ok: boolean;
  error?: SerializedError;
  invalidPayload?: boolean;
  durationMs: number;
  initMs?: number;
  /** CPU time of the worker's thread while the handler ran (process.threadCpuUsage, Node 23.9+). */
  cpuMs?: number;
  memMb: number;
  logs: LogEntry[];
  logBytes: number;
  logTruncated: boolean;
  /** Outbound connections as the instance saw them (host/net-observer.ts); checked by the supervisor. */
  connections?: unknown;
  connectionsDropped?: number;
  /** The handler streamed (ChunkFrames came before this); the body is empty. */
  streamed?: boolean;
  /** Asked for by InvokeFrame.st: monotonic ns at frame read, handler start, handler end, reply. */
  st?: number[];
  /** Spans the function made through @opentelemetry/api (host/tracing.ts), when the call was sampled. */
  spans?: UserSpan[];
  /** When the handler started (epoch ms, the instance's clock), for a traced call: its span starts there. */
  hs?: number;
}

/**
 * Lane, instance → supervisor: a piece of a streaming handler's response (the body is the bytes;
 * at most STREAM_CHUNK_BYTES). The first chunk of a call carries the stream's content type.
 */
export interface ChunkFrame {
  t: "chunk";
  id: string;
  contentType?: string;
}

/** Streamed bytes travel in frames of at most this size. */
export const STREAM_CHUNK_BYTES = 256 * 1024;

/**
 * Lane, instance → supervisor: lines logged so far, sent while the call runs (at most every
 * few ms), so a call that times out or crashes still has the lines it wrote.
 */
export interface LogsFrame {
  t: "logs";
  id: string;
  logs: LogEntry[];
  connections?: unknown;
  /** Sent once on a cold start: the module has loaded, and the function's timeout starts now. */
  initDone?: boolean;
}

/** Lane, instance → supervisor: an uncaught error is about to end the instance. */
export interface FatalFrame {
  t: "fatal";
  id: string | null;
  error: SerializedError;
  logs: LogEntry[];
  connections?: unknown;
}

/** Host main thread → worker (postMessage). */
export interface StartInstance {
  t: "start";
  iid: number;
  socketPath: string;
  sandbox: string;
  token: string;
  fn: AssignedFunction;
}

/** Control frames are small; a lane frame carries at most a 6 MB result plus bounded logs. */
export const MAX_CONTROL_FRAME_BYTES = 1024 * 1024;
export const MAX_LANE_FRAME_BYTES = 8 * 1024 * 1024;

export function encodeFrame(
  header: object,
  body?: Uint8Array,
  stringify: (v: unknown) => string = JSON.stringify,
): Buffer {
  const head = Buffer.from(stringify(header));
  const bodyLen = body ? body.byteLength : 0;
  const frame = Buffer.allocUnsafe(8 + head.length + bodyLen);
  frame.writeUInt32LE(head.length, 0);
  frame.writeUInt32LE(bodyLen, 4);
  head.copy(frame, 8);
  if (body) frame.set(body, 8 + head.length);
  return frame;
}

export class FrameError extends Error {}

/** Accumulates chunks and yields complete frames; large frames are joined once, not per chunk. */
export class FrameReader {
  private chunks: Buffer[] = [];
  private buffered = 0;

  constructor(
    private readonly onFrame: (header: unknown, body: Buffer) => void,
    public maxFrameBytes: number,
    private readonly parse: (text: string) => unknown = JSON.parse,
  ) {}

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    for (;;) {
      if (this.buffered < 8) return;
      // buffered > 0 means at least one chunk is held.
      let buf = this.chunks[0]!;
      if (buf.length < 8) buf = this.join();
      const headLen = buf.readUInt32LE(0);
      const bodyLen = buf.readUInt32LE(4);
      if (headLen + bodyLen > this.maxFrameBytes)
        throw new FrameError(`frame of ${headLen + bodyLen} bytes exceeds the limit of ${this.maxFrameBytes}`);
      const total = 8 + headLen + bodyLen;
      if (this.buffered < total) return;
      if (buf.length < total) buf = this.join();
      const header = this.parse(buf.toString("utf8", 8, 8 + headLen));
      const body = buf.subarray(8 + headLen, total);
      if (buf.length === total) this.chunks.shift();
      else this.chunks[0] = buf.subarray(total);
      this.buffered -= total;
      this.onFrame(header, body);
    }
  }

  private join(): Buffer {
    const all = Buffer.concat(this.chunks, this.buffered);
    this.chunks = [all];
    return all;
  }
}

export type { LogEntry };
