/** A queue's tags (TagQueue, UntagQueue, ListQueueTags): at most 50, as for functions. */
import { invalid } from "@/lib/errors";
import type { ServiceContext } from "@/lib/services/context";
import { recordAudit } from "@/lib/services/audit/record";
import { parseInput } from "@/lib/services/validate";
import { getQueueOrThrow } from "@/lib/services/queues/get";
import { MAX_TAGS, tagKeys, tags as tagsSchema, type Tags } from "@/lib/services/tags/schemas";

export async function tagQueue(ctx: ServiceContext, name: string, add: Tags): Promise<void> {
  const given = parseInput(tagsSchema, add);
  const queue = await getQueueOrThrow(ctx, name);
  const next = { ...queue.tags, ...given };
  if (Object.keys(next).length > MAX_TAGS) throw invalid(`A queue can have at most ${MAX_TAGS} tags`);
  await ctx.db.$transaction(async (tx) => {
    await tx.queue.update({ where: { id: queue.id }, data: { tags: next } });
    await recordAudit(tx, ctx, "queue.tag", name, { keys: Object.keys(given) });
  });
}

export async function untagQueue(ctx: ServiceContext, name: string, keys: string[]): Promise<void> {
  const remove = parseInput(tagKeys, keys);
  const queue = await getQueueOrThrow(ctx, name);
  const next = Object.fromEntries(Object.entries(queue.tags).filter(([k]) => !remove.includes(k)));
  await ctx.db.$transaction(async (tx) => {
    await tx.queue.update({ where: { id: queue.id }, data: { tags: next } });
    await recordAudit(tx, ctx, "queue.untag", name, { keys: remove });
  });
}
