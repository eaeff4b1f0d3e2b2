import { conflict } from "@/lib/errors";
import type { ServiceContext } from "@/lib/services/context";
import { parseInput } from "@/lib/services/validate";
import { getFunctionOrThrow } from "@/lib/services/functions/get";
import { recordAudit } from "@/lib/services/audit/record";
import { functionArnOf } from "@/lib/services/function-urls/arn";
import { createAliasInput, type CreateAliasInput } from "@/lib/services/aliases/schemas";
import { toAliasRecord, type AliasRecord } from "@/lib/services/aliases/record";
import { checkTargets, routingColumns } from "@/lib/services/aliases/targets";

/** CreateAlias: a name for a version (and optionally a weighted second one); a taken name is a conflict. */
export async function createAlias(ctx: ServiceContext, functionName: string, input: CreateAliasInput) {
  const a = parseInput(createAliasInput, input);
  const fn = await getFunctionOrThrow(ctx, functionName);
  const row = await ctx.db.$transaction(async (tx) => {
    await checkTargets(ctx, tx, fn, a);
    const taken = await tx.functionAlias.findUnique({
      where: { functionId_name: { functionId: fn.id, name: a.name } },
    });
    if (taken) throw conflict(`Alias already exists: ${functionArnOf(ctx, fn.name)}:${a.name}`);
    const created = await tx.functionAlias.create({
      data: {
        functionId: fn.id,
        name: a.name,
        description: a.description,
        functionVersion: a.functionVersion,
        ...routingColumns(a.routing),
      },
    });
    await recordAudit(tx, ctx, "alias.create", fn.name, {
      alias: a.name,
      functionVersion: a.functionVersion,
      ...(a.routing ? { routing: a.routing } : {}),
    });
    return created;
  });
  ctx.functionChanged({ id: fn.id, name: fn.name, revision: fn.revision });
  return toAliasRecord(fn.name, row) satisfies AliasRecord;
}
