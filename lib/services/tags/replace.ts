import type { ServiceContext } from "@/lib/services/context";
import { parseInput } from "@/lib/services/validate";
import { getFunctionOrThrow } from "@/lib/services/functions/get";
import { recordAudit } from "@/lib/services/audit/record";
import { tags as tagsSchema, type Tags } from "@/lib/services/tags/schemas";

/** The console's save: the function's tags become exactly `input` (added, changed and removed ones audited). */
export async function replaceTags(ctx: ServiceContext, name: string, input: Tags): Promise<Tags> {
  const next = parseInput(tagsSchema, input);
  const fn = await getFunctionOrThrow(ctx, name);
  const keys = new Set([...Object.keys(fn.tags), ...Object.keys(next)]);
  const changes = Object.fromEntries(
    [...keys].filter((k) => fn.tags[k] !== next[k]).map((k) => [k, { from: fn.tags[k] ?? null, to: next[k] ?? null }]),
  );
  if (Object.keys(changes).length === 0) return next;
  await ctx.db.$transaction(async (tx) => {
    await tx.fn.update({ where: { id: fn.id }, data: { tags: next } });
    await recordAudit(tx, ctx, "function.set-tags", fn.name, { tags: changes });
  });
  return next;
}
