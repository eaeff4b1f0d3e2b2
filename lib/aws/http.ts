/** Minimal HTTP helpers for the Lambda API: body reading with limits, AWS-shaped errors. */
import type { IncomingMessage, ServerResponse } from "node:http";
import { randomUUID } from "node:crypto";
import { retryAfterSeconds, toAppError } from "@/lib/errors";
import { log } from "@/lib/log";

const apiLog = log.child("api");

export class BodyTooLarge extends Error {}

/** Reads the body; past `limit` bytes it stops buffering and rejects (the rest is drained). */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > limit) over = true;
      if (!over) chunks.push(c);
    });
    req.on("end", () =>
      over ? reject(new BodyTooLarge()) : resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)),
    );
    req.on("error", reject);
  });
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = body === undefined ? "" : JSON.stringify(body);
  res.writeHead(status, {
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(text),
    "x-amzn-RequestId": randomUUID(),
    ...headers,
  });
  res.end(text);
}

/**
 * AWS's JSON error shape: x-amzn-ErrorType header plus {Type, message, ...fields}. An unexpected
 * error is logged with the request id the response carries, so a client's report can be matched
 * to the server's log line; its details never leave the server.
 */
export function sendError(res: ServerResponse, err: unknown, requestId: string = randomUUID()): void {
  const { error, unexpected } = toAppError(err);
  if (unexpected) apiLog.error("unexpected error", { requestId, error: (err as Error)?.stack ?? String(err) });
  const type = error.status >= 500 ? "Service" : "User";
  const headers: Record<string, string> = { "x-amzn-ErrorType": error.code, "x-amzn-RequestId": requestId };
  const retry = retryAfterSeconds(error);
  if (retry !== undefined) headers["Retry-After"] = String(retry);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendJson(res, error.status, { Type: type, message: error.message, ...error.fields }, headers);
}

/** Resolves when the client can take more of a streamed answer, or is gone (what is written then is dropped). */
export function drained(res: ServerResponse): Promise<void> {
  if (res.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      res.off("drain", done);
      res.off("close", done);
      resolve();
    };
    res.once("drain", done);
    res.once("close", done);
  });
}

/** A JSON-protocol (awsJson1_0) answer: SQS's and Step Functions' actions' output. */
export function sendAwsJson(res: ServerResponse, out: unknown, requestId: string): void {
  if (res.destroyed) return; // a long poll whose caller left
  const text = JSON.stringify(out);
  res.writeHead(200, {
    "Content-Type": "application/x-amz-json-1.0",
    "Content-Length": Buffer.byteLength(text),
    "x-amzn-RequestId": requestId,
  });
  res.end(text);
}
