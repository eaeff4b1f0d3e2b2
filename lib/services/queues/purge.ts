/** Purges a queue from the console (PurgeQueue's rule: once a minute). */
import { purgeQueue as purgeMessages } from "@/lib/message-queues/purge";
import type { ServiceContext } from "@/lib/services/context";
import { recordAudit } from "@/lib/services/audit/record";
import { getQueueOrThrow } from "@/lib/services/queues/get";
import { queueRuntime } from "@/lib/services/queues/runtime";

export async function purgeQueue(ctx: ServiceContext, name: string): Promise<void> {
  const q = await getQueueOrThrow(ctx, name);
  await purgeMessages(queueRuntime(ctx).pool, q.id, q.name);
  await ctx.db.$transaction((tx) => recordAudit(tx, ctx, "queue.purge", name, {}));
}
