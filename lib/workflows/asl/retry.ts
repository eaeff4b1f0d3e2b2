import { StatesErrors } from "@/lib/workflows/asl/errors";
import type { Catcher, Retrier } from "@/lib/workflows/asl/types";

/**
 * Errors no Retry or Catch handles, not even by naming them: States.Runtime and
 * States.DataLimitExceeded end the execution (AWS: "terminal" errors).
 */
const TERMINAL = new Set<string>([StatesErrors.Runtime, StatesErrors.DataLimitExceeded]);

/**
 * Whether a retrier's or catcher's ErrorEquals covers `error`: by exact (case-sensitive)
 * name, or by the wildcards States.ALL (any error) and States.TaskFailed (any error except
 * States.Timeout).
 */
export function errorMatches(errorEquals: string[], error: string): boolean {
  if (TERMINAL.has(error)) return false;
  if (errorEquals.includes(error)) return true;
  if (errorEquals.includes(StatesErrors.ALL)) return true;
  return errorEquals.includes(StatesErrors.TaskFailed) && error !== StatesErrors.Timeout;
}

export interface RetryDecision {
  retrierIndex: number;
  delayMs: number;
}

/**
 * Whether to retry after `error`, and after how long. The first retrier whose ErrorEquals
 * matches decides: once it has used its MaxAttempts the error is not retried (later retriers
 * are not consulted). `attemptsByRetrier[i]` counts the retries retrier i has made so far in
 * this state; the caller increments the chosen one.
 *
 * Delay = IntervalSeconds × BackoffRate^attempts, capped at MaxDelaySeconds; with
 * JitterStrategy FULL a random delay in [0, that] is used instead.
 */
export function nextRetry(
  retriers: Retrier[],
  error: string,
  attemptsByRetrier: number[],
  random: () => number = Math.random,
): RetryDecision | null {
  const retrierIndex = retriers.findIndex((r) => errorMatches(r.ErrorEquals ?? [], error));
  if (retrierIndex < 0) return null;
  const retrier = retriers[retrierIndex] as Retrier;
  const attempts = attemptsByRetrier[retrierIndex] ?? 0;
  if (attempts >= (retrier.MaxAttempts ?? 3)) return null;
  let delay = (retrier.IntervalSeconds ?? 1) * (retrier.BackoffRate ?? 2) ** attempts;
  if (retrier.MaxDelaySeconds !== undefined) delay = Math.min(delay, retrier.MaxDelaySeconds);
  if (retrier.JitterStrategy === "FULL") delay *= random();
  return { retrierIndex, delayMs: Math.round(delay * 1000) };
}

/** The first catcher whose ErrorEquals covers `error`, if any. */
export function findCatcher(catchers: Catcher[], error: string): { index: number; catcher: Catcher } | null {
  const index = catchers.findIndex((c) => errorMatches(c.ErrorEquals ?? [], error));
  return index < 0 ? null : { index, catcher: catchers[index] as Catcher };
}
