/** GetFunctionUrlConfig and ListFunctionUrlConfigs. */
import { notFound } from "@/lib/errors";
import type { ServiceContext } from "@/lib/services/context";
import { getFunctionOrThrow } from "@/lib/services/functions/get";
import { toUrlRecord, type FunctionUrlRecord } from "@/lib/services/function-urls/record";
import { urlQualifier } from "@/lib/services/function-urls/qualifier";

/** The function's URL, or null when it has none (a missing function is still a 404). */
export async function findFunctionUrl(
  ctx: ServiceContext,
  functionName: string,
  qualifier?: string | null,
): Promise<FunctionUrlRecord | null> {
  const fn = await getFunctionOrThrow(ctx, functionName);
  const q = await urlQualifier(ctx, fn, qualifier);
  const row = await ctx.db.functionUrl.findUnique({
    where: { functionId_qualifier: { functionId: fn.id, qualifier: q } },
  });
  return row ? toUrlRecord(row, fn.name) : null;
}

export async function getFunctionUrl(
  ctx: ServiceContext,
  functionName: string,
  qualifier?: string | null,
): Promise<FunctionUrlRecord> {
  const url = await findFunctionUrl(ctx, functionName, qualifier);
  if (!url) throw notFound("The resource you requested does not exist.");
  return url;
}

/** Every URL of a function (today at most one: $LATEST's). */
export async function listFunctionUrls(ctx: ServiceContext, functionName: string): Promise<FunctionUrlRecord[]> {
  const fn = await getFunctionOrThrow(ctx, functionName);
  const rows = await ctx.db.functionUrl.findMany({ where: { functionId: fn.id }, orderBy: { createdAt: "asc" } });
  return rows.map((r) => toUrlRecord(r, fn.name));
}
