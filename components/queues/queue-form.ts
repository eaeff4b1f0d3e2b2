/**
 * The create-queue and queue-settings forms' rules, mirrored from lib/services/queues/schemas.ts so
 * mistakes show next to their field before anything is sent (pure). The server checks again.
 */
import type { CreateQueueInput, QueueJson, QueueLimits, QueueSettings } from "@/lib/queries/queues";
import { formatDuration } from "@/components/queues/queue-format";

export interface QueueDraft {
  name: string;
  fifo: boolean;
  visibilityTimeoutSec: string;
  retentionSec: string;
  delaySec: string;
  receiveWaitSec: string;
  maxMessageBytes: string;
  contentBasedDedup: boolean;
  /** "" for none. */
  deadLetterQueue: string;
  maxReceiveCount: string;
}

export type QueueField = keyof QueueDraft;
export type QueueErrors = Partial<Record<QueueField, string>>;

// SQS's fixed limits (the raisable ones come in `QueueLimits`).
export const MIN_RETENTION_SEC = 60;
export const MAX_RETENTION_SEC = 1_209_600;
export const MAX_RECEIVE_WAIT_SEC = 20;
export const MIN_MESSAGE_BYTES = 1024;
export const MAX_MESSAGE_BYTES = 1_048_576;
export const MAX_RECEIVE_COUNT = 1000;

/** SQS's defaults; 10 receives is what the AWS console proposes for a dead-letter queue. */
export const NEW_QUEUE: QueueDraft = {
  name: "",
  fifo: false,
  visibilityTimeoutSec: "30",
  retentionSec: "345600",
  delaySec: "0",
  receiveWaitSec: "0",
  maxMessageBytes: String(MAX_MESSAGE_BYTES),
  contentBasedDedup: false,
  deadLetterQueue: "",
  maxReceiveCount: "10",
};

const NAME = /^[A-Za-z0-9_-]+$/;
const whole = (s: string) => /^\d+$/.test(s.trim());
const within = (s: string, min: number, max: number) => whole(s) && +s >= min && +s <= max;

/** Why a queue name is refused, or null; FIFO queues' names end in .fifo (counted in the 80). */
export function queueNameProblem(name: string, fifo: boolean): string | null {
  if (name === "") return "Enter a queue name";
  const base = name.endsWith(".fifo") ? name.slice(0, -5) : name;
  if (!NAME.test(base) || name.length > 80)
    return "Queue name may contain only letters, digits, hyphens and underscores, 1 to 80 characters";
  if (fifo && base === name) return "A FIFO queue's name must end in .fifo";
  if (!fifo && base !== name) return "Only a FIFO queue's name may end in .fifo";
  return null;
}

/** Errors for a settings draft; `existing` (creating only) are the names already taken. */
export function validateQueue(d: QueueDraft, limits: QueueLimits, existing?: readonly string[]): QueueErrors {
  const e: QueueErrors = {};
  if (existing) {
    const problem = queueNameProblem(d.name, d.fifo);
    if (problem) e.name = problem;
    else if (existing.includes(d.name)) e.name = `A queue named ${d.name} already exists`;
  }
  if (!within(d.visibilityTimeoutSec, 0, limits.maxVisibilitySec))
    e.visibilityTimeoutSec = `Visibility timeout must be between 0 and ${limits.maxVisibilitySec} seconds (${formatDuration(limits.maxVisibilitySec)})`;
  if (!within(d.retentionSec, MIN_RETENTION_SEC, MAX_RETENTION_SEC))
    e.retentionSec = `Retention must be between ${MIN_RETENTION_SEC} and ${MAX_RETENTION_SEC} seconds (14 days)`;
  if (!within(d.delaySec, 0, limits.maxDelaySec))
    e.delaySec = `Delay must be between 0 and ${limits.maxDelaySec} seconds (${formatDuration(limits.maxDelaySec)})`;
  if (!within(d.receiveWaitSec, 0, MAX_RECEIVE_WAIT_SEC))
    e.receiveWaitSec = `Receive wait must be between 0 and ${MAX_RECEIVE_WAIT_SEC} seconds`;
  if (!within(d.maxMessageBytes, MIN_MESSAGE_BYTES, MAX_MESSAGE_BYTES))
    e.maxMessageBytes = `Maximum message size must be between ${MIN_MESSAGE_BYTES} and ${MAX_MESSAGE_BYTES} bytes (1 KiB to 1 MiB)`;
  if (d.deadLetterQueue) {
    if (d.deadLetterQueue === d.name) e.deadLetterQueue = "A queue cannot be its own dead-letter queue";
    if (!within(d.maxReceiveCount, 1, MAX_RECEIVE_COUNT))
      e.maxReceiveCount = `Maximum receives must be between 1 and ${MAX_RECEIVE_COUNT}`;
  }
  return e;
}

/** The settings both forms send; a dead-letter queue left empty removes the redrive policy. */
export function toSettingsRequest(d: QueueDraft): QueueSettings {
  return {
    visibilityTimeoutSec: Number(d.visibilityTimeoutSec),
    retentionSec: Number(d.retentionSec),
    delaySec: Number(d.delaySec),
    receiveWaitSec: Number(d.receiveWaitSec),
    maxMessageBytes: Number(d.maxMessageBytes),
    ...(d.fifo ? { contentBasedDedup: d.contentBasedDedup } : {}),
    redrive: d.deadLetterQueue
      ? { deadLetterQueue: d.deadLetterQueue, maxReceiveCount: Number(d.maxReceiveCount) }
      : null,
  };
}

export function toCreateRequest(d: QueueDraft): CreateQueueInput {
  const { redrive, ...settings } = toSettingsRequest(d);
  return { name: d.name, fifo: d.fifo, ...settings, ...(redrive ? { redrive } : {}) };
}

export function draftOfQueue(q: QueueJson): QueueDraft {
  return {
    name: q.name,
    fifo: q.fifo,
    visibilityTimeoutSec: String(q.visibilityTimeoutSec),
    retentionSec: String(q.retentionSec),
    delaySec: String(q.delaySec),
    receiveWaitSec: String(q.receiveWaitSec),
    maxMessageBytes: String(q.maxMessageBytes),
    contentBasedDedup: q.contentBasedDedup,
    deadLetterQueue: q.redrive?.deadLetterQueue ?? "",
    maxReceiveCount: String(q.redrive?.maxReceiveCount ?? NEW_QUEUE.maxReceiveCount),
  };
}

/**
 * Which field a server error belongs next to: the service names the field it parsed
 * (`redrive.maxReceiveCount`), and its own checks (FIFO names, dead-letter queues) only say so in words.
 */
export function queueFieldOfError(field: string | undefined, message: string): QueueField | null {
  if (field === "redrive.maxReceiveCount") return "maxReceiveCount";
  if (field?.startsWith("redrive")) return "deadLetterQueue";
  if (field && field in NEW_QUEUE) return field as QueueField;
  if (/dead-letter queue|RedrivePolicy/i.test(message)) return "deadLetterQueue";
  if (/\.fifo|queue already exists|FifoQueue/i.test(message)) return "name";
  return null;
}
