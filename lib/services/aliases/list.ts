import type { ServiceContext } from "@/lib/services/context";
import { parseInput } from "@/lib/services/validate";
import { getFunctionOrThrow } from "@/lib/services/functions/get";
import { listAliasesInput } from "@/lib/services/aliases/schemas";
import { toAliasRecord, type AliasRecord } from "@/lib/services/aliases/record";

/**
 * ListAliases: by name, optionally only those that send traffic to `functionVersion`. The marker
 * is the last name of the previous page.
 */
export async function listAliases(
  ctx: ServiceContext,
  functionName: string,
  input: { functionVersion?: string; marker?: string; maxItems?: number } = {},
): Promise<{ items: AliasRecord[]; nextMarker: string | null }> {
  const { functionVersion, marker, maxItems } = parseInput(listAliasesInput, input);
  const fn = await getFunctionOrThrow(ctx, functionName);
  const rows = await ctx.db.functionAlias.findMany({
    where: {
      functionId: fn.id,
      ...(marker !== undefined ? { name: { gt: marker } } : {}),
      ...(functionVersion !== undefined ? { OR: [{ functionVersion }, { additionalVersion: functionVersion }] } : {}),
    },
    orderBy: { name: "asc" },
    take: maxItems + 1,
  });
  const items = rows.slice(0, maxItems).map((r) => toAliasRecord(fn.name, r));
  return { items, nextMarker: rows.length > maxItems ? (items.at(-1)?.name ?? null) : null };
}
