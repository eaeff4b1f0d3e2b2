import { notFound } from "@/lib/errors";
import type { ServiceContext } from "@/lib/services/context";
import { getFunctionOrThrow } from "@/lib/services/functions/get";
import type { FunctionRecord } from "@/lib/services/functions/record";
import { isVersionNumber, toVersionRecord } from "@/lib/services/versions/record";

/**
 * The function as a qualifier names it: $LATEST (or none), a published version, or an alias (the
 * version it points at, as GetFunction answers for an alias).
 */
export async function getFunctionVersion(
  ctx: ServiceContext,
  name: string,
  qualifier: string | null | undefined,
): Promise<FunctionRecord> {
  if (!qualifier || qualifier === "$LATEST") return getFunctionOrThrow(ctx, name);
  const arn = `arn:aws:lambda:${ctx.settings.NIMBUS_REGION}:${ctx.settings.NIMBUS_ACCOUNT_ID}:function:${name}`;
  const fnRow = await ctx.db.fn.findUnique({ where: { name } });
  if (fnRow && !isVersionNumber(qualifier)) {
    const alias = await ctx.db.functionAlias.findUnique({
      where: { functionId_name: { functionId: fnRow.id, name: qualifier } },
    });
    if (alias) return getFunctionVersion(ctx, name, alias.functionVersion);
  }
  const v =
    fnRow && isVersionNumber(qualifier)
      ? await ctx.db.functionVersion.findUnique({
          where: { functionId_version: { functionId: fnRow.id, version: Number(qualifier) } },
        })
      : null;
  if (!fnRow || !v) throw notFound(`Function not found: ${arn}:${qualifier}`);
  return toVersionRecord(fnRow, v);
}
