/**
 * A queue's settings with SQS's names, defaults and limits (docs/queues.md). The limits a user may
 * raise beyond SQS's (visibility timeout, delay) come from settings: `QueueLimits`.
 */
import { z } from "zod";
import { tags } from "@/lib/services/tags/schemas";

import type { QueueLimits } from "@/lib/message-queues/runtime";

export type { QueueLimits } from "@/lib/message-queues/runtime";
export const SQS_LIMITS: QueueLimits = { maxVisibilitySec: 43_200, maxDelaySec: 900 };

export const MAX_RETENTION_SEC = 1_209_600;
/** SQS's since August 2025 (it was 256 KiB): also the default. */
export const MAX_MESSAGE_BYTES = 1_048_576;
export const MAX_RECEIVE_WAIT_SEC = 20;

/** 1–80 letters, digits, - and _; a FIFO queue's name ends in .fifo (counted in the 80). */
export const queueName = z
  .string({ error: "QueueName must be a string" })
  .regex(
    /^[A-Za-z0-9_-]{1,75}(\.fifo)?$|^[A-Za-z0-9_-]{1,80}$/,
    "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length",
  );

const whole = (name: string, min: number, max: number) =>
  z
    .number({ error: `${name} must be a number` })
    .int(`${name} must be a whole number`)
    .min(min, `${name} must be between ${min} and ${max}`)
    .max(max, `${name} must be between ${min} and ${max}`);

/** The settings a queue has, as the services take them; every one optional (SQS's default when left out). */
export function queueSettings(limits: QueueLimits) {
  return z.object({
    visibilityTimeoutSec: whole("VisibilityTimeout", 0, limits.maxVisibilitySec).optional(),
    retentionSec: whole("MessageRetentionPeriod", 60, MAX_RETENTION_SEC).optional(),
    delaySec: whole("DelaySeconds", 0, limits.maxDelaySec).optional(),
    receiveWaitSec: whole("ReceiveMessageWaitTimeSeconds", 0, MAX_RECEIVE_WAIT_SEC).optional(),
    maxMessageBytes: whole("MaximumMessageSize", 1024, MAX_MESSAGE_BYTES).optional(),
    contentBasedDedup: z.boolean().optional(),
    /** RedrivePolicy: null removes it. */
    redrive: z
      .object({ deadLetterQueue: queueName, maxReceiveCount: whole("maxReceiveCount", 1, 1000) })
      .nullable()
      .optional(),
    redriveAllowPolicy: z.string().max(4096).nullable().optional(),
  });
}
export type QueueSettings = z.output<ReturnType<typeof queueSettings>>;

export function createQueueInput(limits: QueueLimits) {
  return queueSettings(limits).extend({
    name: queueName,
    fifo: z.boolean().default(false),
    tags: tags.default({}),
  });
}
export type CreateQueueInput = z.input<ReturnType<typeof createQueueInput>>;
