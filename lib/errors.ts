import { connectionReason, isConnectionError } from "@/lib/connection-errors";

/**
 * Typed application errors. Domain code throws AppError with a closed set of codes; the
 * HTTP status for each code lives here and nowhere else. The codes are AWS Lambda's
 * exception names, so the Lambda-compatible API can use them verbatim.
 */
export const errorStatus = {
  ResourceNotFoundException: 404,
  UnauthorizedException: 401,
  AccessDeniedException: 403,
  InvalidParameterValueException: 400,
  InvalidRequestContentException: 400,
  UnsupportedMediaTypeException: 415,
  ResourceConflictException: 409,
  /** A RevisionId that is no longer the latest (optimistic concurrency). */
  PreconditionFailedException: 412,
  TooManyRequestsException: 429,
  RequestTooLargeException: 413,
  CodeStorageExceededException: 400,
  /** A quota Nimbus keeps (the Scheduler API: one schedule group). */
  ServiceQuotaExceededException: 402,
  ServiceException: 500,
  ServiceUnavailableException: 503,
  /** An AWS API path or X-Amz-Target this server does not serve (REST services answer it with 404). */
  UnknownOperationException: 404,
  // Request signing (SigV4), with the names and statuses AWS answers them with.
  MissingAuthenticationTokenException: 403,
  IncompleteSignatureException: 400,
  InvalidSignatureException: 403,
  UnrecognizedClientException: 403,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export class AppError extends Error {
  readonly code: ErrorCode;
  /** Extra fields AWS puts in the error body (e.g. Reason for throttles). */
  readonly fields: Record<string, string | number>;

  constructor(code: ErrorCode, message: string, fields: Record<string, string | number> = {}) {
    super(message);
    this.name = code;
    this.code = code;
    this.fields = fields;
  }

  get status(): number {
    return errorStatus[this.code];
  }
}

export const notFound = (what: string) => new AppError("ResourceNotFoundException", what);
export const invalid = (message: string) => new AppError("InvalidParameterValueException", message);
export const conflict = (message: string) => new AppError("ResourceConflictException", message);

/** How long a client should wait before trying again, for the errors that say "later". */
export function retryAfterSeconds(error: AppError): number | undefined {
  const given = error.fields.retryAfterSeconds;
  if (typeof given === "number") return given;
  if (error.code === "TooManyRequestsException") return 1;
  if (error.code === "ServiceUnavailableException") return 2;
  return undefined;
}

/**
 * Maps any thrown value to an AppError. A database that cannot be reached is a 503 naming the
 * cause (the client may retry); other unknown errors become a generic ServiceException.
 */
export function toAppError(err: unknown): { error: AppError; unexpected: boolean } {
  if (err instanceof AppError) return { error: err, unexpected: false };
  if (isConnectionError(err)) {
    return {
      error: new AppError(
        "ServiceUnavailableException",
        `The database is unavailable (${connectionReason(err)}); Nimbus is reconnecting, retry shortly`,
      ),
      unexpected: false,
    };
  }
  return {
    error: new AppError(
      "ServiceException",
      "The service encountered an internal error. Check the server log for details.",
    ),
    unexpected: true,
  };
}
