/** Queues by name, optionally by prefix, a page at a time (the token is the last name given). */
import type { ServiceContext } from "@/lib/services/context";
import { toQueueRecord, type QueueRecord } from "@/lib/services/queues/record";

export async function listQueues(
  ctx: ServiceContext,
  opts: { prefix?: string; after?: string; limit?: number } = {},
): Promise<{ queues: QueueRecord[]; next: string | null }> {
  const limit = opts.limit ?? 1000;
  const rows = await ctx.db.queue.findMany({
    where: {
      ...(opts.prefix ? { name: { startsWith: opts.prefix } } : {}),
      ...(opts.after ? { AND: [{ name: { gt: opts.after } }] } : {}),
    },
    orderBy: { name: "asc" },
    take: limit + 1,
  });
  const page = rows.slice(0, limit).map(toQueueRecord);
  return { queues: page, next: rows.length > limit ? page.at(-1)!.name : null };
}

/** The queues whose RedrivePolicy names `deadLetterQueue` (ListDeadLetterSourceQueues). */
export async function listDeadLetterSources(ctx: ServiceContext, deadLetterQueue: string): Promise<string[]> {
  const rows = await ctx.db.queue.findMany({
    where: { deadLetterQueue },
    select: { name: true },
    orderBy: { name: "asc" },
  });
  return rows.map((r) => r.name);
}
