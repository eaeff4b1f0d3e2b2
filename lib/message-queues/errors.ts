/**
 * SQS's own error names for what goes wrong with messages and queues. They travel as AppErrors with
 * a generic code (what the console and logs understand) and the SQS name in `fields.sqsCode`,
 * which the SQS API answers with (lib/aws/sqs/errors.ts).
 */
import { AppError, type ErrorCode } from "@/lib/errors";

export type QueueErrorCode =
  | "InvalidMessageContents"
  | "InvalidParameterValue"
  | "MissingParameter"
  | "ReceiptHandleIsInvalid"
  | "MessageNotInflight"
  | "PurgeQueueInProgress"
  | "InvalidAttributeName"
  | "InvalidAttributeValue"
  | "TooManyEntriesInBatchRequest"
  | "EmptyBatchRequest"
  | "BatchEntryIdsNotDistinct"
  | "InvalidBatchEntryId"
  | "BatchRequestTooLong"
  | "UnsupportedOperation";

const GENERIC: Partial<Record<QueueErrorCode, ErrorCode>> = {
  PurgeQueueInProgress: "ResourceConflictException",
  BatchRequestTooLong: "RequestTooLargeException",
};

export function queueError(code: QueueErrorCode, message: string): AppError {
  return new AppError(GENERIC[code] ?? "InvalidParameterValueException", message, { sqsCode: code });
}
