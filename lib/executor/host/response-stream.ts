/**
 * Response streaming as AWS's Node.js runtime offers it: the `awslambda` global with
 * streamifyResponse (marks a handler `(event, responseStream, context)`) and HttpResponseStream.from
 * (a JSON prelude — statusCode, headers, cookies — and eight NUL bytes before the body, content type
 * application/vnd.awslambda.http-integration-response). A ResponseStream is a Writable whose bytes
 * go to the supervisor as ChunkFrames; a write waits while the lane's socket is full (backpressure
 * from the client, through the supervisor, reaches the handler's own stream).
 */
import { Writable } from "node:stream";
import { STREAM_CHUNK_BYTES } from "@/lib/executor/protocol";

const STREAMING = Symbol.for("aws.lambda.runtime.handler.streaming");
const HTTP_INTEGRATION = "application/vnd.awslambda.http-integration-response";
const bufferFrom = Buffer.from;
const isBuffer = Buffer.isBuffer;

export function isStreamingHandler(h: unknown): boolean {
  return typeof h === "function" && (h as unknown as Record<symbol, unknown>)[STREAMING] === "response";
}

/** Sends one chunk (with the content type on the first); false when the lane is full. */
export type SendChunk = (contentType: string | undefined, chunk: Buffer) => boolean;

export class ResponseStream extends Writable {
  private contentType = "application/octet-stream";
  private sentFirst = false;

  constructor(
    private readonly send: SendChunk,
    private readonly onDrain: (resume: () => void) => void,
  ) {
    super({ highWaterMark: 64 * 1024 });
  }

  setContentType(contentType: string): void {
    if (this.sentFirst) throw new Error("The content type cannot change after the stream's first write");
    this.contentType = String(contentType);
  }

  override _write(chunk: unknown, encoding: BufferEncoding, done: (err?: Error | null) => void): void {
    const buf = isBuffer(chunk) ? chunk : bufferFrom(chunk as string, encoding);
    if (buf.length === 0) {
      done();
      return;
    }
    let room = true;
    for (let at = 0; at < buf.length; at += STREAM_CHUNK_BYTES)
      room = this.sendOne(buf.subarray(at, at + STREAM_CHUNK_BYTES)) && room;
    if (room) done();
    else this.onDrain(() => done());
  }

  /** An empty stream still says it ended with its content type. */
  override _final(done: (err?: Error | null) => void): void {
    if (!this.sentFirst) this.sendOne(Buffer.alloc(0));
    done();
  }

  private sendOne(part: Buffer): boolean {
    const first = !this.sentFirst;
    this.sentFirst = true;
    return this.send(first ? this.contentType : undefined, part);
  }
}

const HttpResponseStream = Object.freeze({
  /** Writes the prelude (status, headers, cookies) at once; the body follows on the same stream. */
  from(stream: ResponseStream, prelude: Record<string, unknown> = {}): ResponseStream {
    stream.setContentType(HTTP_INTEGRATION);
    stream.write(JSON.stringify(prelude));
    stream.write(new Uint8Array(8));
    return stream;
  },
});

/** Installs `awslambda` before user code loads (a function may replace it for itself only). */
export function installAwsLambdaGlobal(): void {
  const awslambda = Object.freeze({
    streamifyResponse<T extends (...args: never[]) => unknown>(handler: T): T {
      Object.defineProperty(handler, STREAMING, { value: "response" });
      return handler;
    },
    HttpResponseStream,
  });
  Object.defineProperty(globalThis, "awslambda", { value: awslambda, writable: true, configurable: true });
}
