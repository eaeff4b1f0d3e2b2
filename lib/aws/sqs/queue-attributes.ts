/**
 * Queue attributes as SQS carries them — a map of strings — to and from the services' settings.
 * Every value is a string on the wire, numbers and booleans too. Names SQS has that Nimbus keeps
 * no state for (Policy, KMS, SqsManagedSseEnabled) are accepted and ignored; DeduplicationScope
 * and FifoThroughputLimit are accepted at the one value Nimbus implements.
 */
import { queueError } from "@/lib/message-queues/errors";
import type { QueueCounts } from "@/lib/message-queues/counts";
import type { QueueRecord } from "@/lib/services/queues/record";
import type { QueueSettings } from "@/lib/services/queues/schemas";
import { queueArn, queueNameOfArn } from "@/lib/aws/sqs/queue-url";

const NUMERIC = {
  VisibilityTimeout: "visibilityTimeoutSec",
  MessageRetentionPeriod: "retentionSec",
  DelaySeconds: "delaySec",
  ReceiveMessageWaitTimeSeconds: "receiveWaitSec",
  MaximumMessageSize: "maxMessageBytes",
} as const;
const IGNORED = new Set(["Policy", "KmsMasterKeyId", "KmsDataKeyReusePeriodSeconds", "SqsManagedSseEnabled"]);
const ONLY: Record<string, string> = { DeduplicationScope: "queue", FifoThroughputLimit: "perQueue" };
const READ_ONLY = new Set([
  "ApproximateNumberOfMessages",
  "ApproximateNumberOfMessagesNotVisible",
  "ApproximateNumberOfMessagesDelayed",
  "CreatedTimestamp",
  "LastModifiedTimestamp",
  "QueueArn",
]);
export const QUEUE_ATTRIBUTE_NAMES = new Set([
  ...Object.keys(NUMERIC),
  ...IGNORED,
  ...Object.keys(ONLY),
  ...READ_ONLY,
  "RedrivePolicy",
  "RedriveAllowPolicy",
  "FifoQueue",
  "ContentBasedDeduplication",
]);

const invalidValue = (name: string, why = "") =>
  queueError("InvalidAttributeValue", `Invalid value for the parameter ${name}.${why ? ` Reason: ${why}` : ""}`);
const unknownName = (name: string) => queueError("InvalidAttributeName", `Unknown Attribute ${name.slice(0, 256)}.`);

function bool(name: string, v: string): boolean {
  if (v === "true" || v === "false") return v === "true";
  throw invalidValue(name);
}

/** What CreateQueue or SetQueueAttributes asks for, as settings (and FifoQueue, for CreateQueue). */
export function settingsFromAttributes(
  attrs: Record<string, string>,
  creating: boolean,
  isFifo?: boolean,
): QueueSettings & { fifo?: boolean } {
  const out: QueueSettings & { fifo?: boolean } = {};
  const fifo = creating ? attrs.FifoQueue === "true" : isFifo === true;
  for (const [name, raw] of Object.entries(attrs)) {
    const v = String(raw);
    if (name in NUMERIC) {
      if (!/^\d{1,10}$/.test(v)) throw invalidValue(name);
      out[NUMERIC[name as keyof typeof NUMERIC]] = Number(v);
    } else if (name === "FifoQueue") {
      if (!creating) throw isFifo ? invalidValue(name, "Modifying queue type is not supported.") : unknownName(name);
      out.fifo = bool(name, v);
    } else if (name === "ContentBasedDeduplication" || name in ONLY) {
      if (!fifo)
        throw queueError("InvalidAttributeName", `You can specify the ${name} only when FifoQueue is set to true.`);
      if (name === "ContentBasedDeduplication") out.contentBasedDedup = bool(name, v);
      else if (v !== ONLY[name]) throw invalidValue(name, `Nimbus implements ${name} ${ONLY[name]} only.`);
    } else if (name === "RedrivePolicy") {
      out.redrive = v === "" ? null : redrivePolicy(v);
    } else if (name === "RedriveAllowPolicy") {
      out.redriveAllowPolicy = v === "" ? null : redriveAllowPolicy(v);
    } else if (!IGNORED.has(name)) throw unknownName(name);
  }
  return out;
}

function redrivePolicy(text: string): { deadLetterQueue: string; maxReceiveCount: number } {
  let p: { deadLetterTargetArn?: unknown; maxReceiveCount?: unknown };
  try {
    p = JSON.parse(text);
  } catch {
    throw invalidValue("RedrivePolicy", "Redrive policy is not a valid JSON map.");
  }
  if (typeof p?.deadLetterTargetArn !== "string")
    throw invalidValue("RedrivePolicy", "The required parameter 'deadLetterTargetArn' is missing");
  const dlq = queueNameOfArn(p.deadLetterTargetArn);
  if (!dlq)
    throw invalidValue(
      "RedrivePolicy",
      `Dead-letter target ARN ${p.deadLetterTargetArn.slice(0, 200)} is not an SQS queue ARN.`,
    );
  const count = Number(p.maxReceiveCount);
  if (!Number.isInteger(count) || count < 1 || count > 1000)
    throw invalidValue(
      "RedrivePolicy",
      `Invalid value for maxReceiveCount: ${String(p.maxReceiveCount)}, valid values are from 1 to 1000 both inclusive.`,
    );
  return { deadLetterQueue: dlq, maxReceiveCount: count };
}

function redriveAllowPolicy(text: string): string {
  let p: { redrivePermission?: unknown; sourceQueueArns?: unknown };
  try {
    p = JSON.parse(text);
  } catch {
    throw invalidValue("RedriveAllowPolicy", "Redrive allow policy is not a valid JSON map.");
  }
  if (!["allowAll", "denyAll", "byQueue"].includes(String(p?.redrivePermission)))
    throw invalidValue("RedriveAllowPolicy", "redrivePermission must be allowAll, denyAll or byQueue.");
  return JSON.stringify(p);
}

/** GetQueueAttributes: the names asked for ("All": every one), as strings; names a queue has no value for are left out. */
export function attributesOf(
  q: QueueRecord,
  counts: QueueCounts,
  names: string[],
  shape: { region: string; accountId: string },
): Record<string, string> {
  const all: Record<string, string> = {
    ApproximateNumberOfMessages: String(counts.visible),
    ApproximateNumberOfMessagesNotVisible: String(counts.inFlight),
    ApproximateNumberOfMessagesDelayed: String(counts.delayed),
    CreatedTimestamp: String(Math.floor(q.createdAt.getTime() / 1000)),
    LastModifiedTimestamp: String(Math.floor(q.updatedAt.getTime() / 1000)),
    QueueArn: queueArn(shape.region, shape.accountId, q.name),
    VisibilityTimeout: String(q.visibilityTimeoutSec),
    MessageRetentionPeriod: String(q.retentionSec),
    DelaySeconds: String(q.delaySec),
    ReceiveMessageWaitTimeSeconds: String(q.receiveWaitSec),
    MaximumMessageSize: String(q.maxMessageBytes),
    SqsManagedSseEnabled: "false",
  };
  if (q.fifo) {
    Object.assign(all, {
      FifoQueue: "true",
      ContentBasedDeduplication: String(q.contentBasedDedup),
      DeduplicationScope: "queue",
      FifoThroughputLimit: "perQueue",
    });
  }
  if (q.redrive)
    all.RedrivePolicy = JSON.stringify({
      deadLetterTargetArn: queueArn(shape.region, shape.accountId, q.redrive.deadLetterQueue),
      maxReceiveCount: q.redrive.maxReceiveCount,
    });
  if (q.redriveAllowPolicy) all.RedriveAllowPolicy = q.redriveAllowPolicy;
  if (names.includes("All")) return all;
  for (const n of names) if (!QUEUE_ATTRIBUTE_NAMES.has(n) && n !== "All") throw unknownName(n);
  return Object.fromEntries(names.filter((n) => n in all).map((n) => [n, all[n]!]));
}
