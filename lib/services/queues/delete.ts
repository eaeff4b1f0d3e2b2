/** Deletes a queue and every message in it (its messages go with it: ON DELETE CASCADE). */
import type { ServiceContext } from "@/lib/services/context";
import { recordAudit } from "@/lib/services/audit/record";
import { getQueueOrThrow } from "@/lib/services/queues/get";

export async function deleteQueue(ctx: ServiceContext, name: string): Promise<void> {
  const queue = await getQueueOrThrow(ctx, name);
  await ctx.db.$transaction(async (tx) => {
    await tx.queue.delete({ where: { id: queue.id } });
    await recordAudit(tx, ctx, "queue.delete", name, {});
  });
  ctx.queuesChanged?.(name);
}
