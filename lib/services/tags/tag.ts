import { AppError } from "@/lib/errors";
import type { ServiceContext } from "@/lib/services/context";
import { parseInput } from "@/lib/services/validate";
import { getFunctionOrThrow } from "@/lib/services/functions/get";
import { recordAudit } from "@/lib/services/audit/record";
import { MAX_TAGS, tags as tagsSchema, type Tags } from "@/lib/services/tags/schemas";

/** Adds or replaces tags on a function (TagResource); the result may hold at most 50. */
export async function tagFunction(ctx: ServiceContext, name: string, input: Tags): Promise<Tags> {
  const add = parseInput(tagsSchema, input);
  const fn = await getFunctionOrThrow(ctx, name);
  const next = { ...fn.tags, ...add };
  if (Object.keys(next).length > MAX_TAGS)
    throw new AppError("InvalidParameterValueException", `A function can have at most ${MAX_TAGS} tags`);
  const changed = Object.entries(add).filter(([k, v]) => fn.tags[k] !== v);
  if (changed.length === 0) return next;
  await ctx.db.$transaction(async (tx) => {
    await tx.fn.update({ where: { id: fn.id }, data: { tags: next } });
    await recordAudit(tx, ctx, "function.tag", fn.name, {
      tags: Object.fromEntries(changed.map(([k, v]) => [k, { from: fn.tags[k] ?? null, to: v }])),
    });
  });
  return next;
}
