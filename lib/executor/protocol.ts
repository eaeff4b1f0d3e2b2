/**
 * The supervisor <-> sandbox host protocol: length-prefixed frames over a private pipe
 * (fd 3 of the sandbox). A frame is [u32 header length][u32 body length][header JSON][body].
 * Bodies (events, results) are raw bytes the supervisor never parses.
 */
import type { LogEntry, SerializedError } from "./types";

export interface AssignedFunction {
  functionName: string;
  version: string;
  memoryMb: number;
  handler: string;
  codeDir: string;
  env: Record<string, string>;
  arn: string;
  logGroupName: string;
}

export type ToHost =
  | { t: "assign"; fn: AssignedFunction }
  | { t: "invoke"; iid: number; id: string; deadline: number; clientContext?: string }
  | { t: "kill"; iid: number };

export interface ResultHeader {
  t: "result";
  iid: number;
  id: string;
  ok: boolean;
  error?: SerializedError;
  invalidPayload?: boolean;
  durationMs: number;
  initMs?: number;
  memMb: number;
  logs: LogEntry[];
  logBytes: number;
  logTruncated: boolean;
}

export type ToSupervisor =
  | { t: "ready" }
  | ResultHeader
  | { t: "exit"; iid: number; code: number; oom: boolean; error?: SerializedError }
  /** What an instance logged before an uncaught error ended it. */
  | { t: "fatalLogs"; iid: number; id: string | null; logs: LogEntry[] };

/** Larger frames are a protocol violation: results are capped at 6 MB long before this. */
export const MAX_FRAME_BYTES = 32 * 1024 * 1024;

export function encodeFrame(header: object, body?: Uint8Array): Buffer {
  const head = Buffer.from(JSON.stringify(header));
  const bodyLen = body ? body.byteLength : 0;
  const frame = Buffer.allocUnsafe(8 + head.length + bodyLen);
  frame.writeUInt32LE(head.length, 0);
  frame.writeUInt32LE(bodyLen, 4);
  head.copy(frame, 8);
  if (body) frame.set(body, 8 + head.length);
  return frame;
}

export class FrameError extends Error {}

/** Accumulates chunks and yields complete frames. */
export class FrameReader {
  private buf: Buffer = Buffer.alloc(0);

  constructor(private readonly onFrame: (header: unknown, body: Buffer) => void) {}

  push(chunk: Buffer): void {
    this.buf = this.buf.length === 0 ? chunk : Buffer.concat([this.buf, chunk]);
    while (this.buf.length >= 8) {
      const headLen = this.buf.readUInt32LE(0);
      const bodyLen = this.buf.readUInt32LE(4);
      if (headLen + bodyLen > MAX_FRAME_BYTES) throw new FrameError(`frame of ${headLen + bodyLen} bytes exceeds the limit`);
      const total = 8 + headLen + bodyLen;
      if (this.buf.length < total) return;
      const header = JSON.parse(this.buf.toString("utf8", 8, 8 + headLen)) as unknown;
      const body = this.buf.subarray(8 + headLen, total);
      this.buf = this.buf.subarray(total);
      this.onFrame(header, body);
    }
  }
}

export type { LogEntry };
