import type { Queue } from "@/lib/generated/prisma/client";
import { tagsOf, type Tags } from "@/lib/services/tags/schemas";

/** A queue as the rest of the system sees it. */
export interface QueueRecord {
  id: string;
  name: string;
  fifo: boolean;
  visibilityTimeoutSec: number;
  retentionSec: number;
  delaySec: number;
  receiveWaitSec: number;
  maxMessageBytes: number;
  contentBasedDedup: boolean;
  /** RedrivePolicy: the dead-letter queue's name and how many receives send a message there. */
  redrive: { deadLetterQueue: string; maxReceiveCount: number } | null;
  redriveAllowPolicy: string | null;
  tags: Tags;
  createdAt: Date;
  updatedAt: Date;
}

export function toQueueRecord(row: Queue): QueueRecord {
  return {
    id: row.id,
    name: row.name,
    fifo: row.fifo,
    visibilityTimeoutSec: row.visibilityTimeoutSec,
    retentionSec: row.retentionSec,
    delaySec: row.delaySec,
    receiveWaitSec: row.receiveWaitSec,
    maxMessageBytes: row.maxMessageBytes,
    contentBasedDedup: row.contentBasedDedup,
    redrive:
      row.deadLetterQueue && row.maxReceiveCount
        ? { deadLetterQueue: row.deadLetterQueue, maxReceiveCount: row.maxReceiveCount }
        : null,
    redriveAllowPolicy: row.redriveAllowPolicy,
    tags: tagsOf(row.tags),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** The columns a settings change writes (RedrivePolicy is two). */
export function settingsColumns(s: {
  redrive?: { deadLetterQueue: string; maxReceiveCount: number } | null;
  [k: string]: unknown;
}): Record<string, unknown> {
  const { redrive, ...rest } = s;
  const out: Record<string, unknown> = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
  if (redrive !== undefined) {
    out.deadLetterQueue = redrive?.deadLetterQueue ?? null;
    out.maxReceiveCount = redrive?.maxReceiveCount ?? null;
  }
  return out;
}
