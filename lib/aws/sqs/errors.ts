/**
 * Errors in SQS's JSON shape: `{"__type": "com.amazonaws.sqs#<Shape>", "message": …}` and the
 * header `x-amzn-query-error: <query code>;Sender`, consistent with each other — the v3 SDK takes
 * the code from the header first (and finds the modeled class by its query code), older clients
 * from `__type`. No `code` field, no `x-amzn-ErrorType`: either would override both.
 * Services throw generic AppErrors; the SQS name comes from `fields.sqsCode` (lib/message-queues/errors.ts)
 * or from the generic code.
 */
import type { ServerResponse } from "node:http";
import { type AppError, retryAfterSeconds, toAppError } from "@/lib/errors";
import { log } from "@/lib/log";

const apiLog = log.child("api");

interface SqsError {
  /** `__type`: the modeled shape, or coral's for unmodeled ones. */
  type: string;
  /** The query protocol's code (x-amzn-query-error, XML <Code>). */
  query: string;
  status: number;
}

const sqs = (shape: string, query: string, status = 400): SqsError => ({
  type: `com.amazonaws.sqs#${shape}`,
  query,
  status,
});
const coral = (shape: string, query: string, status = 400): SqsError => ({
  type: `com.amazon.coral.service#${shape}`,
  query,
  status,
});
const batch = (shape: string) => sqs(shape, `AWS.SimpleQueueService.${shape}`);

export const SQS_ERRORS: Record<string, SqsError> = {
  QueueDoesNotExist: sqs("QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue"),
  QueueNameExists: sqs("QueueNameExists", "QueueAlreadyExists"),
  InvalidAttributeName: sqs("InvalidAttributeName", "InvalidAttributeName"),
  InvalidAttributeValue: sqs("InvalidAttributeValue", "InvalidAttributeValue"),
  ReceiptHandleIsInvalid: sqs("ReceiptHandleIsInvalid", "ReceiptHandleIsInvalid", 404),
  InvalidParameterValue: coral("InvalidParameterValueException", "InvalidParameterValue"),
  MissingParameter: coral("MissingRequiredParameterException", "MissingParameter"),
  TooManyEntriesInBatchRequest: batch("TooManyEntriesInBatchRequest"),
  EmptyBatchRequest: batch("EmptyBatchRequest"),
  BatchEntryIdsNotDistinct: batch("BatchEntryIdsNotDistinct"),
  InvalidBatchEntryId: batch("InvalidBatchEntryId"),
  BatchRequestTooLong: batch("BatchRequestTooLong"),
  PurgeQueueInProgress: sqs("PurgeQueueInProgress", "AWS.SimpleQueueService.PurgeQueueInProgress", 403),
  InvalidMessageContents: sqs("InvalidMessageContents", "InvalidMessageContents"),
  UnsupportedOperation: sqs("UnsupportedOperation", "AWS.SimpleQueueService.UnsupportedOperation"),
  ResourceNotFoundException: sqs("ResourceNotFoundException", "ResourceNotFoundException", 404),
  RequestThrottled: sqs("RequestThrottled", "RequestThrottled", 403),
  UnknownOperationException: coral("UnknownOperationException", "InvalidAction"),
};

/** The SQS error an AppError is answered with. */
export function sqsErrorOf(error: AppError): SqsError {
  const named = error.fields.sqsCode;
  if (typeof named === "string" && SQS_ERRORS[named]) return SQS_ERRORS[named];
  switch (error.code) {
    case "ResourceNotFoundException":
      return error.fields.resource === "queue" ? SQS_ERRORS.QueueDoesNotExist! : SQS_ERRORS.ResourceNotFoundException!;
    case "ResourceConflictException":
      return SQS_ERRORS.QueueNameExists!;
    case "InvalidParameterValueException":
    case "InvalidRequestContentException":
    case "UnsupportedMediaTypeException":
      return SQS_ERRORS.InvalidParameterValue!;
    case "RequestTooLargeException":
      return SQS_ERRORS.BatchRequestTooLong!;
    case "TooManyRequestsException":
      return SQS_ERRORS.RequestThrottled!;
    case "UnknownOperationException":
      return SQS_ERRORS.UnknownOperationException!;
    default:
      // Signing errors keep their names (coral's); server faults are the receiver's.
      return coral(error.code, error.code, error.status);
  }
}

/**
 * The SQS error to answer `err` with (logged first when unexpected), or null when the response has
 * already begun (it is cut off: a half-sent answer cannot turn into an error).
 */
export function sqsFailure(
  res: ServerResponse,
  err: unknown,
  requestId: string,
): { error: AppError; sqs: SqsError; type: "Sender" | "Receiver" } | null {
  const { error, unexpected } = toAppError(err);
  if (unexpected) apiLog.error("unexpected error", { requestId, error: (err as Error)?.stack ?? String(err) });
  if (res.headersSent) {
    res.destroy();
    return null;
  }
  const sqs = sqsErrorOf(error);
  return { error, sqs, type: sqs.status >= 500 ? "Receiver" : "Sender" };
}

export function sendSqsError(res: ServerResponse, err: unknown, requestId: string): void {
  const f = sqsFailure(res, err, requestId);
  if (!f) return;
  const body = JSON.stringify({ __type: f.sqs.type, message: f.error.message });
  const headers: Record<string, string> = {
    "Content-Type": "application/x-amz-json-1.0",
    "Content-Length": String(Buffer.byteLength(body)),
    "x-amzn-RequestId": requestId,
    "x-amzn-query-error": `${f.sqs.query};${f.type}`,
  };
  const retry = retryAfterSeconds(f.error);
  if (retry !== undefined) headers["Retry-After"] = String(retry);
  res.writeHead(f.sqs.status, headers).end(body);
}
