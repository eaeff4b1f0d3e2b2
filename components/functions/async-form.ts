/** The asynchronous-invocation form's rules, mirrored from the API so mistakes show before saving (pure). */
import type { EventInvokeConfigInput, EventInvokeConfigJson } from "@/lib/queries/async";

export interface AsyncDraft {
  maximumRetryAttempts: string;
  maximumEventAgeSeconds: string;
  onSuccessDestination: string;
  onFailureDestination: string;
}

export type AsyncField = keyof AsyncDraft;
export type AsyncErrors = Partial<Record<AsyncField, string>>;

export const RETRY_OPTIONS = ["0", "1", "2"] as const;
export const MIN_EVENT_AGE_SECONDS = 60;
export const MAX_EVENT_AGE_SECONDS = 21_600;

/** A function name or a Lambda function ARN; or a queue by its SQS ARN (the server checks it exists). */
const DESTINATION = /^(arn:aws[a-zA-Z-]*:lambda:[a-z0-9-]+:\d{12}:function:)?([a-zA-Z0-9_-]{1,64})$/;
const QUEUE_DESTINATION = /^arn:aws[a-zA-Z-]*:sqs:[a-z0-9-]+:\d{12}:[A-Za-z0-9_.-]{1,80}$/;

export function draftOfConfig(
  c: Pick<
    EventInvokeConfigJson,
    "maximumRetryAttempts" | "maximumEventAgeSeconds" | "onSuccessDestination" | "onFailureDestination"
  >,
): AsyncDraft {
  return {
    maximumRetryAttempts: String(c.maximumRetryAttempts),
    maximumEventAgeSeconds: String(c.maximumEventAgeSeconds),
    onSuccessDestination: c.onSuccessDestination ?? "",
    onFailureDestination: c.onFailureDestination ?? "",
  };
}

export function validateAsync(d: AsyncDraft, functionName: string): AsyncErrors {
  const e: AsyncErrors = {};
  if (!(RETRY_OPTIONS as readonly string[]).includes(d.maximumRetryAttempts))
    e.maximumRetryAttempts = "Retry attempts must be 0, 1 or 2";
  const age = d.maximumEventAgeSeconds.trim();
  if (!/^\d+$/.test(age) || +age < MIN_EVENT_AGE_SECONDS || +age > MAX_EVENT_AGE_SECONDS)
    e.maximumEventAgeSeconds =
      `Maximum age of event must be between ${MIN_EVENT_AGE_SECONDS} and ` +
      `${MAX_EVENT_AGE_SECONDS} seconds (6 hours)`;
  for (const key of ["onSuccessDestination", "onFailureDestination"] as const) {
    const problem = destinationProblem(d[key], functionName);
    if (problem) e[key] = problem;
  }
  return e;
}

/** Why a destination is refused; null when it is empty (none) or acceptable. */
export function destinationProblem(value: string, functionName: string): string | null {
  const v = value.trim();
  if (v === "" || QUEUE_DESTINATION.test(v)) return null;
  const m = DESTINATION.exec(v);
  if (!m)
    return (
      "Destination must be a function name, a Lambda function ARN or an SQS queue ARN " +
      "(topics and event buses are not supported here)"
    );
  if (m[2] === functionName) return "A function cannot be its own destination";
  return null;
}

export function toAsyncRequest(d: AsyncDraft): EventInvokeConfigInput {
  const dest = (s: string) => (s.trim() === "" ? null : s.trim());
  return {
    maximumRetryAttempts: Number(d.maximumRetryAttempts),
    maximumEventAgeSeconds: Number(d.maximumEventAgeSeconds.trim()),
    onSuccessDestination: dest(d.onSuccessDestination),
    onFailureDestination: dest(d.onFailureDestination),
  };
}

/** Which field a server error belongs next to; null: show it as a toast only. */
export function asyncFieldOfError(field: string | undefined, message: string): AsyncField | null {
  if (
    field &&
    ["maximumRetryAttempts", "maximumEventAgeSeconds", "onSuccessDestination", "onFailureDestination"].includes(field)
  )
    return field as AsyncField;
  if (/own destination/i.test(message)) return "onFailureDestination";
  return null;
}
