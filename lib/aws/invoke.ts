/** Invoke: POST /2015-03-31/functions/{name}/invocations — the hot path. */
import type { IncomingMessage, ServerResponse } from "node:http";
import { AppError } from "@/lib/errors";
import type { InvocationType, Invoker } from "@/lib/invoke/invoker";
import { stamp } from "@/lib/stage-times";
import { traceFromHeaders } from "@/lib/traces/context";

const TYPES = new Set(["RequestResponse", "Event", "DryRun"]);

/** `payload` is the body the router already read (and hashed for the signature check). */
export async function handleInvoke(
  invoker: Invoker,
  req: IncomingMessage,
  res: ServerResponse,
  name: string,
  qualifier: string | null,
  payload: Buffer,
  receivedAt?: number,
): Promise<void> {
  const type = (req.headers["x-amz-invocation-type"] as string | undefined) ?? "RequestResponse";
  if (!TYPES.has(type))
    throw new AppError(
      "InvalidParameterValueException",
      `InvocationType must be one of RequestResponse, Event, DryRun; got ${type.slice(0, 40)}`,
    );
  const logType = req.headers["x-amz-log-type"] === "Tail" ? "Tail" : "None";
  const out = await invoker.invoke({
    functionRef: name,
    qualifier,
    payload,
    invocationType: type as InvocationType,
    logType,
    trigger: "api",
    clientContext: req.headers["x-amz-client-context"] as string | undefined,
    trace: traceFromHeaders(req.headers.traceparent, req.headers["x-amzn-trace-id"]),
    receivedAt,
  });
  if (out.kind === "dryRun") {
    res.writeHead(204, { "x-amzn-RequestId": out.requestId });
    res.end();
    return;
  }
  if (out.kind === "accepted") {
    res.writeHead(202, { "x-amzn-RequestId": out.requestId, "Content-Length": 0 });
    res.end();
    return;
  }
  const headers: Record<string, string | number> = {
    "Content-Type": "application/json",
    "Content-Length": out.result.payload.byteLength,
    "X-Amz-Executed-Version": out.executedVersion,
    "x-amzn-RequestId": out.requestId,
  };
  if (out.functionError) headers["X-Amz-Function-Error"] = out.functionError;
  if (out.logTail) headers["X-Amz-Log-Result"] = out.logTail;
  res.writeHead(200, headers);
  res.end(out.result.payload);
  stamp("responded");
}
