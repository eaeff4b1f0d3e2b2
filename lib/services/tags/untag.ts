import type { ServiceContext } from "@/lib/services/context";
import { parseInput } from "@/lib/services/validate";
import { getFunctionOrThrow } from "@/lib/services/functions/get";
import { recordAudit } from "@/lib/services/audit/record";
import { tagKeys, type Tags } from "@/lib/services/tags/schemas";

/** Removes tags by key (UntagResource); keys the function does not have are ignored, as on AWS. */
export async function untagFunction(ctx: ServiceContext, name: string, keys: string[]): Promise<Tags> {
  const remove = parseInput(tagKeys, keys);
  const fn = await getFunctionOrThrow(ctx, name);
  const gone = remove.filter((k) => Object.hasOwn(fn.tags, k));
  if (gone.length === 0) return fn.tags;
  const next = Object.fromEntries(Object.entries(fn.tags).filter(([k]) => !gone.includes(k)));
  await ctx.db.$transaction(async (tx) => {
    await tx.fn.update({ where: { id: fn.id }, data: { tags: next } });
    await recordAudit(tx, ctx, "function.untag", fn.name, { removed: gone });
  });
  return next;
}
