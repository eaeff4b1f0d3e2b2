import type { ServiceContext } from "@/lib/services/context";
import { parseInput } from "@/lib/services/validate";
import { getFunctionOrThrow } from "@/lib/services/functions/get";
import type { FunctionRecord } from "@/lib/services/functions/record";
import { listVersionsInput } from "@/lib/services/versions/schemas";
import { toVersionRecord } from "@/lib/services/versions/record";

/**
 * ListVersionsByFunction: $LATEST, then the published versions by number. The marker is the
 * last number of the previous page ("$LATEST" when only it was on it).
 */
export async function listVersions(
  ctx: ServiceContext,
  name: string,
  input: { marker?: string; maxItems?: number } = {},
): Promise<{ items: FunctionRecord[]; nextMarker: string | null }> {
  const { marker, maxItems } = parseInput(listVersionsInput, input);
  await getFunctionOrThrow(ctx, name);
  const fnRow = await ctx.db.fn.findUniqueOrThrow({ where: { name } });
  const after = marker === undefined ? -1 : marker === "$LATEST" ? 0 : Number(marker);
  const items: FunctionRecord[] = [];
  if (after < 0) items.push(await getFunctionOrThrow(ctx, name));
  const rows = await ctx.db.functionVersion.findMany({
    where: { functionId: fnRow.id, version: { gt: Number.isFinite(after) ? Math.max(after, 0) : 0 } },
    orderBy: { version: "asc" },
    take: maxItems - items.length + 1,
  });
  for (const r of rows) items.push(toVersionRecord(fnRow, r));
  const page = items.slice(0, maxItems);
  const more = items.length > maxItems;
  const last = page.at(-1);
  return { items: page, nextMarker: more && last ? last.version : null };
}

/** The published versions of these functions (ListFunctions with FunctionVersion=ALL), by function then number. */
export async function publishedVersionsOf(ctx: ServiceContext, functionIds: string[]): Promise<FunctionRecord[]> {
  if (functionIds.length === 0) return [];
  const fns = await ctx.db.fn.findMany({ where: { id: { in: functionIds } } });
  const rows = await ctx.db.functionVersion.findMany({
    where: { functionId: { in: functionIds } },
    orderBy: [{ functionId: "asc" }, { version: "asc" }],
  });
  const byId = new Map(fns.map((f) => [f.id, f]));
  return rows.flatMap((r) => {
    const fn = byId.get(r.functionId);
    return fn ? [toVersionRecord(fn, r)] : [];
  });
}
