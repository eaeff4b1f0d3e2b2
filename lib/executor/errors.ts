/**
 * The error types the platform itself reports, as AWS Lambda names them (plus Nimbus's
 * `Sandbox.*` for what only a self-hosted executor can go through). A closed union: a typo in
 * a type does not compile. Errors a handler throws keep their own names (`errorType: string`).
 */
import type { SerializedError } from "@/lib/executor/types";

export const RUNTIME_ERROR_TYPES = [
  "Runtime.ImportModuleError",
  "Runtime.UserCodeSyntaxError",
  "Runtime.HandlerNotFound",
  "Runtime.MalformedHandlerName",
  "Runtime.MarshalError",
  "Runtime.ExitError",
  "Runtime.OutOfMemory",
  "Function.ResponseSizeTooLarge",
  "Sandbox.Timedout",
  "Sandbox.Unavailable",
  "Sandbox.CodeUnavailable",
  // The event is not JSON: the API answers 400 and the handler never ran (as Lambda does).
  "InvalidRequestContentException",
] as const;

export type RuntimeErrorType = (typeof RUNTIME_ERROR_TYPES)[number];

/** Loading the module failed: the instance is ended, the next call starts a fresh one. */
const INIT_FAILURES: ReadonlySet<string> = new Set<RuntimeErrorType>([
  "Runtime.ImportModuleError",
  "Runtime.UserCodeSyntaxError",
  "Runtime.HandlerNotFound",
  "Runtime.MalformedHandlerName",
]);

export function runtimeError(errorType: RuntimeErrorType, errorMessage: string, trace: string[] = []): SerializedError {
  return { errorType, errorMessage, trace };
}

export function isInitFailure(e: SerializedError): boolean {
  return INIT_FAILURES.has(e.errorType);
}
