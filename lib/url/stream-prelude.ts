/**
 * A streamed response's head, as AWS's runtime writes it for awslambda.HttpResponseStream.from:
 * the stream's content type is application/vnd.awslambda.http-integration-response, and its bytes
 * start with a JSON prelude ({statusCode, headers, cookies}) and eight NUL bytes; the rest is body.
 */
export const HTTP_INTEGRATION_CONTENT_TYPE = "application/vnd.awslambda.http-integration-response";
const DELIMITER = Buffer.alloc(8);
/** A prelude is a status and headers: anything longer is not one. */
const MAX_PRELUDE_BYTES = 64 * 1024;

export type PreludeStep =
  | { state: "need-more" }
  | { state: "done"; prelude: Record<string, unknown>; rest: Buffer }
  | { state: "invalid"; reason: string };

/** Collects bytes until the delimiter; then the prelude, parsed, and what came after it. */
export class PreludeReader {
  private seen: Buffer = Buffer.alloc(0);

  feed(chunk: Buffer): PreludeStep {
    this.seen = this.seen.length ? Buffer.concat([this.seen, chunk]) : chunk;
    const at = this.seen.indexOf(DELIMITER);
    if (at < 0) {
      return this.seen.length > MAX_PRELUDE_BYTES
        ? { state: "invalid", reason: `no prelude delimiter within ${MAX_PRELUDE_BYTES} bytes` }
        : { state: "need-more" };
    }
    let prelude: unknown;
    try {
      prelude = JSON.parse(this.seen.subarray(0, at).toString("utf8"));
    } catch {
      return { state: "invalid", reason: "the prelude is not JSON" };
    }
    if (prelude === null || typeof prelude !== "object" || Array.isArray(prelude))
      return { state: "invalid", reason: "the prelude is not an object" };
    return { state: "done", prelude: prelude as Record<string, unknown>, rest: this.seen.subarray(at + 8) };
  }

  /** The stream ended before a delimiter: what arrived is the prelude (nothing at all: an empty one). */
  end(): PreludeStep {
    return this.seen.length === 0 ? { state: "done", prelude: {}, rest: Buffer.alloc(0) } : this.feed(DELIMITER);
  }
}
