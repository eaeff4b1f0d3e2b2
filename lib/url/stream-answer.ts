/**
 * A RESPONSE_STREAM function URL's answer, written as the function streams it: the status and
 * headers come from HttpResponseStream's prelude (or 200 and the stream's content type), then each
 * chunk goes to the client as it arrives — server-sent events arrive as they are written. A slow
 * client holds the function's stream (the sink's promise); a failure after the head cuts the
 * connection, so the client sees a truncated body rather than a clean end, as on AWS.
 */
import type { ServerResponse } from "node:http";
import { drained } from "@/lib/aws/http";
import type { InvokeResult, ResponseSink } from "@/lib/executor/types";
import type { UrlAddress } from "@/lib/url/address";
import { answerOf, jsonAnswer, responseHead } from "@/lib/url/response";
import { HTTP_INTEGRATION_CONTENT_TYPE, PreludeReader } from "@/lib/url/stream-prelude";
import { headersFor, send } from "@/lib/url/write";

type Cors = (headers: Array<[string, string]>) => Array<[string, string]>;

export class StreamAnswer implements ResponseSink {
  private reader: PreludeReader | null = null;
  /** The head was refused (bad prelude): the rest of the stream is dropped; the client gets 502. */
  private refused = false;
  private status = 200;
  private finished: number | null = null;

  constructor(
    private readonly res: ServerResponse,
    private readonly requestId: string,
    private readonly addr: UrlAddress,
    private readonly cors: Cors,
    readonly maxBytes: number,
  ) {}

  start(contentType: string): void {
    if (contentType === HTTP_INTEGRATION_CONTENT_TYPE) this.reader = new PreludeReader();
    else this.head(200, [["content-type", contentType]]);
  }

  write(chunk: Buffer): undefined | Promise<void> {
    if (this.refused) return undefined;
    if (this.reader) {
      const step = this.reader.feed(chunk);
      if (step.state === "need-more") return undefined;
      this.reader = null;
      if (step.state === "invalid" || !this.headFromPrelude(step.prelude)) return undefined;
      chunk = step.rest;
      if (chunk.length === 0) return undefined;
    }
    if (this.status === 204 || this.status === 304) return undefined;
    return this.res.write(chunk) ? undefined : drained(this.res);
  }

  /** The call ended: finish the answer; the status it got (for the invocation's record). */
  finish(result: InvokeResult): number {
    this.finished ??= this.end(result);
    return this.finished;
  }

  private end(result: InvokeResult): number {
    if (!result.streamed) {
      // The handler did not stream: its result is a buffered answer.
      const a = answerOf(result);
      send(this.res, this.requestId, this.addr, { ...a, headers: this.cors(a.headers) });
      return a.status;
    }
    if (this.reader) {
      const step = this.reader.end();
      this.reader = null;
      if (step.state === "done" && this.headFromPrelude(step.prelude) && step.rest.length) this.res.write(step.rest);
      else if (step.state !== "done") this.refused = true;
    }
    if (result.outcome !== "Success" || this.refused) {
      if (this.res.headersSent) {
        this.res.destroy();
        return this.status;
      }
      const a = jsonAnswer(502, "Internal Server Error");
      send(this.res, this.requestId, this.addr, { ...a, headers: this.cors(a.headers) });
      return 502;
    }
    if (!this.res.headersSent) this.head(200, [["content-type", result.streamed.contentType]]);
    this.res.end();
    return this.status;
  }

  private headFromPrelude(prelude: Record<string, unknown>): boolean {
    const head = responseHead({ statusCode: 200, ...prelude });
    if (!head) {
      this.refused = true;
      return false;
    }
    if (!head.headers.some(([k]) => k === "content-type"))
      head.headers.push(["content-type", "application/octet-stream"]);
    this.head(head.status, head.headers);
    return true;
  }

  private head(status: number, headers: Array<[string, string]>): void {
    this.status = status;
    if (this.res.headersSent) return;
    this.res.writeHead(status, headersFor(this.requestId, this.addr, this.cors(headers)));
    // The head leaves now, not with the first body bytes: a client sees the status at once.
    this.res.flushHeaders();
  }
}
