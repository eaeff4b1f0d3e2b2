import { notFound } from "@/lib/errors";
import type { ServiceContext } from "@/lib/services/context";
import { getFunctionOrThrow } from "@/lib/services/functions/get";
import { functionArnOf } from "@/lib/services/function-urls/arn";
import { toAliasRecord, type AliasRecord } from "@/lib/services/aliases/record";

/** GetAlias: the alias, or ResourceNotFoundException naming its ARN. */
export async function getAlias(ctx: ServiceContext, functionName: string, name: string): Promise<AliasRecord> {
  const fn = await getFunctionOrThrow(ctx, functionName);
  const row = await ctx.db.functionAlias.findUnique({ where: { functionId_name: { functionId: fn.id, name } } });
  if (!row) throw notFound(`Alias not found: ${functionArnOf(ctx, fn.name)}:${name.slice(0, 128)}`);
  return toAliasRecord(fn.name, row);
}
