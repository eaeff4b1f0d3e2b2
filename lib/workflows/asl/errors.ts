/**
 * The error every ASL evaluation failure is raised as. `error` is the ASL error name a
 * Retry/Catch matches on (e.g. "States.Runtime"), `cause` the human-readable text the
 * execution history shows; the engine prefixes where it happened.
 */
export class StatesError extends Error {
  constructor(
    readonly error: string,
    readonly cause: string,
  ) {
    super(`${error}: ${cause}`);
    this.name = "StatesError";
  }
}

/** Error names the Amazon States Language reserves (all begin with "States."). */
export const StatesErrors = {
  ALL: "States.ALL",
  Runtime: "States.Runtime",
  TaskFailed: "States.TaskFailed",
  Timeout: "States.Timeout",
  HeartbeatTimeout: "States.HeartbeatTimeout",
  DataLimitExceeded: "States.DataLimitExceeded",
  IntrinsicFailure: "States.IntrinsicFailure",
  QueryEvaluationError: "States.QueryEvaluationError",
  NoChoiceMatched: "States.NoChoiceMatched",
  BranchFailed: "States.BranchFailed",
  ItemReaderFailed: "States.ItemReaderFailed",
  ResultPathMatchFailure: "States.ResultPathMatchFailure",
  ParameterPathFailure: "States.ParameterPathFailure",
  Permissions: "States.Permissions",
  ExceedToleratedFailureThreshold: "States.ExceedToleratedFailureThreshold",
} as const;

export const runtimeError = (cause: string) => new StatesError(StatesErrors.Runtime, cause);
export const intrinsicFailure = (cause: string) => new StatesError(StatesErrors.IntrinsicFailure, cause);
export const queryEvaluationError = (cause: string) => new StatesError(StatesErrors.QueryEvaluationError, cause);

/** JSON text of a value for an error message, kept short so a huge payload can't flood the history. */
export function describeValue(value: unknown): string {
  const text = value === undefined ? "undefined" : JSON.stringify(value);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
