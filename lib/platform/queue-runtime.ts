/**
 * The platform's SQS side: its own pools (one for claims, relaxed), the wakeups that end long
 * polls, the counters, the store and the directory of queues (docs/queues.md).
 */
import type { Settings } from "@/lib/env";
import type { Logger } from "@/lib/log";
import { QueueDirectory } from "@/lib/message-queues/directory";
import { createQueuePool } from "@/lib/message-queues/pool";
import type { QueueRuntime } from "@/lib/message-queues/runtime";
import { QueueStats } from "@/lib/message-queues/stats";
import { MessageStore } from "@/lib/message-queues/store";
import { QueueWakeups } from "@/lib/message-queues/wakeups";

export async function startQueueRuntime(
  settings: Settings,
  databaseUrl: string,
  log: Logger,
): Promise<{ queues: QueueRuntime; close(): Promise<void> }> {
  const wakeups = new QueueWakeups(databaseUrl, log);
  await wakeups.start();
  const queuePool = createQueuePool(databaseUrl, log);
  const claimPool = createQueuePool(databaseUrl, log, { relaxed: true });
  const queueStats = new QueueStats(queuePool, log);
  const queues: QueueRuntime = {
    pool: queuePool,
    wakeups,
    store: new MessageStore(claimPool, wakeups, queueStats, queuePool),
    directory: new QueueDirectory(queuePool),
    limits: {
      maxVisibilitySec: settings.NIMBUS_QUEUE_MAX_VISIBILITY_SECONDS,
      maxDelaySec: settings.NIMBUS_QUEUE_MAX_DELAY_SECONDS,
    },
  };
  return {
    queues,
    async close() {
      await wakeups.close();
      await queueStats.close();
      await queuePool.end().catch(() => {});
      await claimPool.end().catch(() => {});
    },
  };
}
