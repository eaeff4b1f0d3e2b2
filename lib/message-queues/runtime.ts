import type pg from "pg";
import type { QueueDirectory } from "@/lib/message-queues/directory";
import type { MessageStore } from "@/lib/message-queues/store";
import type { QueueWakeups } from "@/lib/message-queues/wakeups";

/** What SQS allows, unless the server's settings raise it (NIMBUS_QUEUE_MAX_*). */
export interface QueueLimits {
  /** Longest visibility timeout, s (SQS: 12 hours). */
  maxVisibilitySec: number;
  /** Longest delay, s (SQS: 15 minutes). */
  maxDelaySec: number;
}

/** What the queues' data plane needs, built once per server (lib/platform). */
export interface QueueRuntime {
  pool: pg.Pool;
  wakeups: QueueWakeups;
  /** Send, receive, delete and change visibility (with wake-ups and traffic counts). */
  store: MessageStore;
  directory: QueueDirectory;
  limits: QueueLimits;
}
