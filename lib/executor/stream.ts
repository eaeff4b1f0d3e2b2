/**
 * A call's response stream on the supervisor's side. The instance's ChunkFrames are user input:
 * they are counted against the sink's limit (or Invoke's 6 MB when collected into the payload),
 * forwarded in order, and when the sink is slow the instance's lane is paused — the kernel's
 * socket buffer fills and the worker's writes wait — so a slow client never grows server memory.
 */
import { runtimeError } from "@/lib/executor/errors";
import type { ChunkFrame } from "@/lib/executor/protocol";
import { MAX_RESPONSE_BYTES, type InvokeResult, type ResponseSink, type SerializedError } from "@/lib/executor/types";

const DEFAULT_CONTENT_TYPE = "application/octet-stream";
/** A content type is a short header value: printable ASCII, no CR/LF. */
const CONTENT_TYPE = /^[\x20-\x7e]{1,256}$/;

export class CallStream {
  private bytes = 0;
  private contentType: string | null = null;
  /** Without a sink: the bytes, for the payload. */
  private collected: Buffer[] = [];
  private tooLarge: SerializedError | null = null;
  /** Sink writes still in flight; the lane reads again when none are. */
  private waiting = 0;

  constructor(
    private readonly sink: ResponseSink | undefined,
    private readonly lane: { pause(): void; resume(): void },
  ) {}

  get started(): boolean {
    return this.contentType !== null;
  }

  chunk(f: ChunkFrame, body: Buffer): void {
    if (this.tooLarge) return;
    if (this.contentType === null) {
      this.contentType =
        typeof f.contentType === "string" && CONTENT_TYPE.test(f.contentType) ? f.contentType : DEFAULT_CONTENT_TYPE;
      this.sink?.start(this.contentType);
    }
    if (body.length === 0) return;
    const limit = this.sink ? this.sink.maxBytes : MAX_RESPONSE_BYTES;
    if (this.bytes + body.length > limit) {
      this.tooLarge = runtimeError(
        "Function.ResponseSizeTooLarge",
        `Response payload size exceeded maximum allowed payload size (${limit} bytes).`,
      );
      this.collected = [];
      return;
    }
    this.bytes += body.length;
    if (!this.sink) {
      this.collected.push(body);
      return;
    }
    const wait = this.sink.write(body);
    if (!wait) return;
    if (this.waiting++ === 0) this.lane.pause();
    const done = () => {
      if (--this.waiting === 0) this.lane.resume();
    };
    wait.then(done, done);
  }

  /** The call ended: what the stream did, on its result (a stream cut for size fails the call). */
  finish(result: InvokeResult, replyStreamed: boolean): InvokeResult {
    if (!replyStreamed && !this.started) return result;
    result.streamed = { contentType: this.contentType ?? DEFAULT_CONTENT_TYPE, bytes: this.bytes };
    if (this.tooLarge && (result.outcome === "Success" || result.outcome === "Error")) {
      result.outcome = "Error";
      result.error = this.tooLarge;
      result.payload = Buffer.from(JSON.stringify(this.tooLarge));
    } else if (result.outcome === "Success") {
      result.payload = this.sink ? Buffer.alloc(0) : Buffer.concat(this.collected);
    }
    this.collected = [];
    return result;
  }
}
