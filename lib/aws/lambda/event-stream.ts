/**
 * InvokeWithResponseStream's body: AWS event stream messages (application/vnd.amazon.eventstream,
 * binary frames with prelude and CRC32s), encoded by the Smithy codec the AWS SDK decodes them with.
 * A stream is PayloadChunk events with the function's bytes, then one InvokeComplete.
 */
import { EventStreamCodec } from "@smithy/core/event-streams";

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const codec = new EventStreamCodec(
  (b) => decoder.decode(b),
  (s) => encoder.encode(s),
);

export const EVENT_STREAM_CONTENT_TYPE = "application/vnd.amazon.eventstream";

function event(type: string, contentType: string, body: Uint8Array): Uint8Array {
  return codec.encode({
    headers: {
      ":event-type": { type: "string", value: type },
      ":message-type": { type: "string", value: "event" },
      ":content-type": { type: "string", value: contentType },
    },
    body,
  });
}

/** A piece of the function's response. */
export const payloadChunk = (bytes: Uint8Array) => event("PayloadChunk", "application/octet-stream", bytes);

export interface InvokeComplete {
  /** The error's type, e.g. Unhandled or Sandbox.Timedout; absent when the function succeeded. */
  ErrorCode?: string;
  /** The error as Invoke's 200 body would carry it (JSON text). */
  ErrorDetails?: string;
  /** With LogType Tail: the last 4 KB of the log, base64. */
  LogResult?: string;
}

/** The last event: how the invocation ended. */
export const invokeComplete = (c: InvokeComplete) =>
  event("InvokeComplete", "application/json", encoder.encode(JSON.stringify(c)));

/** Decodes one message (tests and tools; the server only encodes). */
export function decodeEvent(frame: Uint8Array): { type: string; body: Uint8Array } {
  const m = codec.decode(frame);
  return { type: String(m.headers[":event-type"]?.value ?? ""), body: m.body };
}
