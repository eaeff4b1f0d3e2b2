/**
 * Reading an SQS request's members with SQS's own errors: a missing one is MissingParameter, a
 * number out of range names its parameter and range as SQS words it.
 */
import { queueError } from "@/lib/message-queues/errors";
import { decodeReceipt, type Receipt } from "@/lib/message-queues/receipt";
import { queueNameOf } from "@/lib/aws/sqs/queue-url";

export type Input = Record<string, unknown>;

export function required(input: Input, name: string): string {
  const v = input[name];
  if (v === undefined || v === null || v === "")
    throw queueError("MissingParameter", `The request must contain the parameter ${name}.`);
  if (typeof v !== "string") throw queueError("InvalidParameterValue", `Value for parameter ${name} must be a string.`);
  return v;
}

export function optionalString(input: Input, name: string): string | undefined {
  const v = input[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "string") throw queueError("InvalidParameterValue", `Value for parameter ${name} must be a string.`);
  return v;
}

/** An integer member within [min, max], or undefined when absent. */
export function optionalInt(input: Input, name: string, min: number, max: number): number | undefined {
  const v = input[name];
  if (v === undefined || v === null) return undefined;
  const n = typeof v === "string" && /^-?\d+$/.test(v) ? Number(v) : v;
  if (typeof n !== "number" || !Number.isInteger(n) || n < min || n > max)
    throw queueError(
      "InvalidParameterValue",
      `Value ${String(v).slice(0, 40)} for parameter ${name} is invalid. Reason: Must be between ${min} and ${max}, if provided.`,
    );
  return n;
}

export function stringList(input: Input, name: string): string[] {
  const v = input[name];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || v.some((x) => typeof x !== "string"))
    throw queueError("InvalidParameterValue", `Value for parameter ${name} must be a list of strings.`);
  return v as string[];
}

export function stringMap(input: Input, name: string): Record<string, string> {
  const v = input[name];
  if (v === undefined || v === null) return {};
  if (typeof v !== "object" || Array.isArray(v) || Object.values(v).some((x) => typeof x !== "string"))
    throw queueError("InvalidParameterValue", `Value for parameter ${name} must be a map of strings.`);
  return v as Record<string, string>;
}

export const queueNameIn = (input: Input) => queueNameOf(required(input, "QueueUrl"));

export function receiptIn(handle: unknown): Receipt {
  const r = typeof handle === "string" ? decodeReceipt(handle) : null;
  if (!r)
    throw queueError(
      "ReceiptHandleIsInvalid",
      `The input receipt handle "${String(handle).slice(0, 200)}" is not a valid receipt handle.`,
    );
  return r;
}

/** A batch's entries: 1 to 10, ids distinct and well-formed. */
export function batchEntries(input: Input): Input[] {
  const v = input.Entries;
  if (!Array.isArray(v) || v.length === 0)
    throw queueError("EmptyBatchRequest", "There should be at least one SendMessageBatchRequestEntry in the request.");
  if (v.length > 10)
    throw queueError(
      "TooManyEntriesInBatchRequest",
      `Maximum number of entries per request are 10. You have sent ${v.length}.`,
    );
  const ids = new Set<string>();
  for (const e of v) {
    const id = (e as Input)?.Id;
    if (typeof id !== "string" || !/^[A-Za-z0-9_-]{1,80}$/.test(id))
      throw queueError(
        "InvalidBatchEntryId",
        "A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.",
      );
    if (ids.has(id)) throw queueError("BatchEntryIdsNotDistinct", `Id ${id} repeated.`);
    ids.add(id);
  }
  return v as Input[];
}
