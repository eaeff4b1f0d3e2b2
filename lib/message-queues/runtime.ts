import type pg from "pg";
import type { QueueDirectory } from "@/lib/message-queues/directory";
import type { QueueWakeups } from "@/lib/message-queues/wakeups";
import type { QueueLimits } from "@/lib/services/queues/schemas";

/** What the queues' data plane needs, built once per server (lib/platform). */
export interface QueueRuntime {
  pool: pg.Pool;
  wakeups: QueueWakeups;
  directory: QueueDirectory;
  limits: QueueLimits;
}
