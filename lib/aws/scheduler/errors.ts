/**
 * Errors in the Scheduler API's shape: the `x-amzn-ErrorType` header and `{"Message": …}`, with
 * Scheduler's names for the codes services throw (ValidationException, ConflictException,
 * ThrottlingException, InternalServerException); the others keep their names and statuses.
 */
import type { ServerResponse } from "node:http";
import { sendJson } from "@/lib/aws/http";
import { type AppError, type ErrorCode, retryAfterSeconds, toAppError } from "@/lib/errors";
import { log } from "@/lib/log";

const apiLog = log.child("api");

const RENAMED: Partial<Record<ErrorCode, { name: string; status: number }>> = {
  InvalidParameterValueException: { name: "ValidationException", status: 400 },
  InvalidRequestContentException: { name: "ValidationException", status: 400 },
  UnsupportedMediaTypeException: { name: "ValidationException", status: 400 },
  RequestTooLargeException: { name: "ValidationException", status: 400 },
  ResourceConflictException: { name: "ConflictException", status: 409 },
  PreconditionFailedException: { name: "ConflictException", status: 409 },
  TooManyRequestsException: { name: "ThrottlingException", status: 429 },
  ServiceException: { name: "InternalServerException", status: 500 },
};

/** The Scheduler API's name and status for an error. */
export function schedulerError(error: AppError): { name: string; status: number } {
  return RENAMED[error.code] ?? { name: error.code, status: error.status };
}

export function sendSchedulerError(res: ServerResponse, err: unknown, requestId: string): void {
  const { error, unexpected } = toAppError(err);
  if (unexpected) apiLog.error("unexpected error", { requestId, error: (err as Error)?.stack ?? String(err) });
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const { name, status } = schedulerError(error);
  const headers: Record<string, string> = { "x-amzn-ErrorType": name, "x-amzn-RequestId": requestId };
  const retry = retryAfterSeconds(error);
  if (retry !== undefined) headers["Retry-After"] = String(retry);
  sendJson(res, status, { Message: error.message }, headers);
}
