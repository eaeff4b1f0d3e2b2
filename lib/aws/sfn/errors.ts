/**
 * Errors in Step Functions' JSON shape: `{"__type": "<Name>", "message": …}` with status 400 for
 * the caller's faults. Services throw generic AppErrors; the Step Functions name comes from
 * `fields.sfnCode`, or from the generic code.
 */
import type { ServerResponse } from "node:http";
import { retryAfterSeconds, toAppError } from "@/lib/errors";
import { log } from "@/lib/log";

const apiLog = log.child("api");

function sfnNameOf(code: string, named: unknown): string {
  if (typeof named === "string") return named;
  switch (code) {
    case "InvalidParameterValueException":
    case "InvalidRequestContentException":
    case "RequestTooLargeException":
    case "UnsupportedMediaTypeException":
      return "ValidationException";
    case "ResourceNotFoundException":
      return "ResourceNotFound";
    case "TooManyRequestsException":
      return "ThrottlingException";
    default:
      return code;
  }
}

export function sendSfnError(res: ServerResponse, err: unknown, requestId: string): void {
  const { error, unexpected } = toAppError(err);
  if (unexpected) apiLog.error("unexpected error", { requestId, error: (err as Error)?.stack ?? String(err) });
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const name = sfnNameOf(error.code, error.fields.sfnCode);
  // Signing errors keep their statuses (403); every modeled Step Functions error is a 400; faults are 500.
  const status = error.status >= 500 || error.status === 403 || error.status === 401 ? error.status : 400;
  const body = JSON.stringify({ __type: `com.amazonaws.swf.base.model#${name}`, message: error.message });
  const headers: Record<string, string> = {
    "Content-Type": "application/x-amz-json-1.0",
    "Content-Length": String(Buffer.byteLength(body)),
    "x-amzn-RequestId": requestId,
  };
  const retry = retryAfterSeconds(error);
  if (retry !== undefined) headers["Retry-After"] = String(retry);
  res.writeHead(status, headers).end(body);
}
