/**
 * Calling the user's handler the ways Lambda's Node runtime does: a promise or a callback
 * (context.done/succeed/fail too), or a streaming handler `(event, responseStream, context)`.
 * What it relies on is captured when the instance boots, before user code loads.
 */
import type net from "node:net";
import { finished } from "node:stream/promises";
import { runtimeError } from "@/lib/executor/errors";
import { LoadError, type Handler } from "@/lib/executor/host/handler-loader";
import { ResponseStream } from "@/lib/executor/host/response-stream";
import { encodeFrame, type AssignedFunction, type InvokeFrame } from "@/lib/executor/protocol";
import { MAX_RESPONSE_BYTES } from "@/lib/executor/types";

const stringify = JSON.stringify;
const parse = JSON.parse;
const byteLength = Buffer.byteLength;
const dateNow = Date.now;
const then = Promise.prototype.then;

function makeContext(f: AssignedFunction, msg: InvokeFrame, done: (err: unknown, value?: unknown) => void) {
  let clientContext: unknown;
  try {
    clientContext = msg.clientContext ? parse(Buffer.from(msg.clientContext, "base64").toString("utf8")) : undefined;
  } catch {
    clientContext = undefined;
  }
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: f.functionName,
    functionVersion: f.version,
    invokedFunctionArn: msg.invokedArn ?? f.arn,
    memoryLimitInMB: String(f.memoryMb),
    awsRequestId: msg.id,
    logGroupName: f.logGroupName,
    logStreamName: f.env.AWS_LAMBDA_LOG_STREAM_NAME ?? "",
    clientContext,
    identity: undefined,
    getRemainingTimeInMillis: () => Math.max(0, msg.deadline - dateNow()),
    done: (err?: unknown, value?: unknown) => done(err ?? null, value),
    succeed: (value?: unknown) => done(null, value),
    fail: (err?: unknown) => done(err ?? new Error("handled")),
  };
}

function callHandler(f: AssignedFunction, h: Handler, event: unknown, msg: InvokeFrame): Promise<unknown> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const done = (err: unknown, value?: unknown) => {
      if (settled) return;
      settled = true;
      if (err !== null && err !== undefined) reject(err);
      else resolve(value);
    };
    const context = makeContext(f, msg, done);
    const result = h(event, context, done);
    if (result !== null && typeof result === "object" && typeof (result as { then?: unknown }).then === "function") {
      then.call(
        result as Promise<unknown>,
        (v) => done(null, v),
        (e) => done(e ?? new Error("Promise rejected with " + String(e))),
      );
    } else if (h.length < 3 && !settled) {
      done(null, result);
    }
  });
}

/**
 * A streaming handler: `(event, responseStream, context)`. The call ends when its promise settles
 * and the stream has finished (ended for it if the handler did not); what it returns is ignored.
 */
export async function callStreaming(
  f: AssignedFunction,
  lane: net.Socket | null,
  h: Handler,
  event: unknown,
  msg: InvokeFrame,
): Promise<void> {
  const send = (contentType: string | undefined, chunk: Buffer) =>
    lane
      ? lane.write(encodeFrame({ t: "chunk", id: msg.id, contentType }, chunk, stringify as (v: unknown) => string))
      : true;
  const stream = new ResponseStream(send, (resume) => (lane ? lane.once("drain", resume) : resume()));
  const context = makeContext(f, msg, () => {});
  const result = (h as unknown as (e: unknown, s: ResponseStream, c: object) => unknown)(event, stream, context);
  if (result !== null && typeof result === "object" && typeof (result as { then?: unknown }).then === "function")
    await (result as Promise<unknown>);
  if (!stream.writableEnded) stream.end();
  await finished(stream);
}

/** A buffered handler's result, as the JSON text Invoke answers with (6 MB at most). */
export async function callBuffered(f: AssignedFunction, h: Handler, event: unknown, msg: InvokeFrame): Promise<string> {
  const value = await callHandler(f, h, event, msg);
  let text: string | undefined;
  try {
    text = stringify(value);
  } catch (e) {
    throw new LoadError(
      runtimeError("Runtime.MarshalError", `Unable to stringify response body: ${(e as Error)?.message ?? e}`),
    );
  }
  const body = text === undefined ? "null" : text;
  if (body.length > MAX_RESPONSE_BYTES || byteLength(body) > MAX_RESPONSE_BYTES) {
    const size = byteLength(body);
    throw new LoadError(
      runtimeError(
        "Function.ResponseSizeTooLarge",
        `Response payload size (${size} bytes) exceeded maximum allowed payload size (${MAX_RESPONSE_BYTES} bytes).`,
      ),
    );
  }
  return body;
}
