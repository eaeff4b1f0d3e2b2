/**
 * InvokeWithResponseStream: POST /2021-11-15/functions/{name}/response-streaming-invocations.
 * The answer is an AWS event stream: the function's bytes as PayloadChunk events while it writes
 * them, then InvokeComplete (ErrorCode = the error's type, ErrorDetails = its message, LogResult
 * with LogType Tail). Content-Type is the function's stream content type, as Lambda reports it in
 * ResponseStreamContentType. A handler that does not stream answers in one chunk.
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { AppError } from "@/lib/errors";
import type { ResponseSink } from "@/lib/executor/types";
import type { InvocationType, Invoker } from "@/lib/invoke/invoker";
import { invokeComplete, payloadChunk, type InvokeComplete } from "@/lib/aws/lambda/event-stream";
import { drained } from "@/lib/aws/http";

const TYPES = new Set(["RequestResponse", "DryRun"]);

export async function handleInvokeStream(
  invoker: Invoker,
  req: IncomingMessage,
  res: ServerResponse,
  name: string,
  qualifier: string | null,
  payload: Buffer,
  maxBytes: number,
): Promise<void> {
  const type = (req.headers["x-amz-invocation-type"] as string | undefined) ?? "RequestResponse";
  if (!TYPES.has(type))
    throw new AppError(
      "InvalidParameterValueException",
      `InvocationType must be RequestResponse or DryRun for InvokeWithResponseStream; got ${type.slice(0, 40)}`,
    );
  const fn = await invoker.resolve(name, qualifier);
  const requestId = randomUUID();
  const head = (contentType: string) => {
    if (res.headersSent) return;
    res.writeHead(200, {
      "Content-Type": contentType,
      "X-Amz-Executed-Version": fn.spec.version,
      "x-amzn-RequestId": requestId,
    });
  };
  const sink: ResponseSink = {
    maxBytes,
    start: head,
    write: (chunk) => (res.write(payloadChunk(chunk)) ? undefined : drained(res)),
  };
  const out = await invoker.invoke({
    functionRef: name,
    qualifier,
    payload,
    invocationType: type as InvocationType,
    logType: req.headers["x-amz-log-type"] === "Tail" ? "Tail" : "None",
    trigger: "api",
    clientContext: req.headers["x-amz-client-context"] as string | undefined,
    requestId,
    stream: sink,
  });
  if (out.kind !== "sync") {
    res.writeHead(204, { "x-amzn-RequestId": out.requestId }).end();
    return;
  }
  const { result } = out;
  head(result.streamed?.contentType ?? "application/json");
  if (!result.streamed && result.outcome === "Success") res.write(payloadChunk(result.payload));
  const complete: InvokeComplete = {};
  if (result.outcome !== "Success") {
    complete.ErrorCode = result.error?.errorType ?? "Unhandled";
    complete.ErrorDetails = result.error?.errorMessage ?? "";
  }
  if (out.logTail) complete.LogResult = out.logTail;
  res.end(invokeComplete(complete));
}
