/**
 * The Add trigger form's rules, mirrored from lib/services/event-sources (schemas.ts, target.ts)
 * so mistakes show next to their field before anything is sent (pure). The server checks again.
 */
import type { CreateMappingInput, MappingJson } from "@/lib/queries/event-sources";

export interface TriggerDraft {
  queueName: string;
  batchSize: string;
  windowSec: string;
  reportBatchItemFailures: boolean;
  /** One event pattern, JSON; "" for none. */
  filterPattern: string;
  /** "" for Lambda's default. */
  maxConcurrency: string;
}

export type TriggerField = keyof TriggerDraft;
export type TriggerErrors = Partial<Record<TriggerField, string>>;

/** Lambda's defaults for an SQS source. */
export const NEW_TRIGGER: TriggerDraft = {
  queueName: "",
  batchSize: "10",
  windowSec: "0",
  reportBatchItemFailures: false,
  filterPattern: "",
  maxConcurrency: "",
};

export const MAX_BATCH_SIZE = 10_000;
export const MAX_WINDOW_SEC = 300;
/** Lambda's rule: a batch over this size needs a batching window. */
export const WINDOWLESS_BATCH_MAX = 10;

const within = (s: string, min: number, max: number) => /^\d+$/.test(s.trim()) && +s >= min && +s <= max;

export interface TriggerContext {
  /** The chosen queue's visibility timeout, when known. */
  visibilityTimeoutSec?: number;
  /** How long the target may run with a batch in flight (a function's timeout; Express's limit). */
  functionTimeoutSec: number;
  /** What that time is called in messages (default: "this function's timeout"). */
  timeoutLabel?: string;
}

export function validateTrigger(d: TriggerDraft, c: TriggerContext): TriggerErrors {
  const e: TriggerErrors = {};
  if (!d.queueName) e.queueName = "Choose a queue";
  else if (c.visibilityTimeoutSec !== undefined && c.visibilityTimeoutSec < c.functionTimeoutSec)
    e.queueName =
      `The queue's visibility timeout (${c.visibilityTimeoutSec} s) is shorter than ${c.timeoutLabel ?? "this function's timeout"} ` +
      `(${c.functionTimeoutSec} s): a batch still running would be handed out again`;
  if (!within(d.batchSize, 1, MAX_BATCH_SIZE)) e.batchSize = `Batch size must be between 1 and ${MAX_BATCH_SIZE}`;
  if (!within(d.windowSec, 0, MAX_WINDOW_SEC))
    e.windowSec = `Batching window must be between 0 and ${MAX_WINDOW_SEC} seconds`;
  else if (!e.batchSize && +d.batchSize > WINDOWLESS_BATCH_MAX && +d.windowSec < 1)
    e.windowSec = `A batch size over ${WINDOWLESS_BATCH_MAX} needs a batching window of at least 1 second`;
  if (d.maxConcurrency.trim() !== "" && !within(d.maxConcurrency, 2, 1000))
    e.maxConcurrency = "Maximum concurrency must be between 2 and 1000 (empty: no limit of its own)";
  const pattern = filterPatternProblem(d.filterPattern);
  if (pattern) e.filterPattern = pattern;
  return e;
}

/** A filter pattern is a JSON object (EventBridge's pattern syntax); the server checks the rest. */
export function filterPatternProblem(text: string): string | null {
  if (text.trim() === "") return null;
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (err) {
    return `The filter pattern is not JSON: ${(err as Error).message}`;
  }
  if (typeof v !== "object" || v === null || Array.isArray(v))
    return 'The filter pattern must be a JSON object, e.g. {"body": {"kind": ["order"]}}';
  return null;
}

/** `functionName`: the function's name, or the state machine's ARN. */
export function toMappingRequest(d: TriggerDraft, functionName: string): CreateMappingInput {
  return {
    functionName,
    queueName: d.queueName,
    batchSize: Number(d.batchSize),
    maxBatchingWindowSec: Number(d.windowSec),
    reportBatchItemFailures: d.reportBatchItemFailures,
    filterCriteria: d.filterPattern.trim() ? { Filters: [{ Pattern: d.filterPattern.trim() }] } : null,
    maxConcurrency: d.maxConcurrency.trim() === "" ? null : Number(d.maxConcurrency),
    enabled: true,
  };
}

/** Which field a server error belongs next to (its own checks only say so in words). */
export function triggerFieldOfError(field: string | undefined, message: string): TriggerField | null {
  if (field === "batchSize") return "batchSize";
  if (field === "maxBatchingWindowSec" || /batch window/i.test(message)) return "windowSec";
  if (field === "maxConcurrency") return "maxConcurrency";
  if (field?.startsWith("filterCriteria") || /pattern/i.test(message)) return "filterPattern";
  if (field === "queueName" || /queue/i.test(message)) return "queueName";
  return null;
}

export type Tone = "success" | "error" | "warning" | "neutral";

/** A mapping's state as a badge tone: passing states are the warning colour while the pollers follow. */
export function stateTone(state: string): Tone {
  if (state === "Enabled") return "success";
  if (state === "Disabled") return "neutral";
  return "warning";
}

/** The last processing result's tone: pollers report "OK", "OK (n of m reported as failed)" or "PROBLEM: …". */
export function resultTone(m: Pick<MappingJson, "lastProcessingResult">): Tone {
  if (m.lastProcessingResult.startsWith("PROBLEM")) return "error";
  if (m.lastProcessingResult.startsWith("OK (")) return "warning";
  if (m.lastProcessingResult.startsWith("OK")) return "success";
  return "neutral";
}
