import { z } from "zod";
import type { ServiceContext } from "@/lib/services/context";
import { parseInput } from "@/lib/services/validate";
import { toRecord, type FunctionRecord } from "@/lib/services/functions/record";

const browseInput = z.object({
  search: z.string().max(64).optional(),
  /** `key` (has the tag) or `key=value`. */
  tag: z.string().min(1).max(400).optional(),
  sort: z.enum(["name", "updatedAt", "memoryMb", "timeoutSec", "runtime"]).default("name"),
  order: z.enum(["asc", "desc"]).default("asc"),
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(200).default(50),
});

export interface FunctionSummary extends FunctionRecord {
  invocations24h: number;
  errors24h: number;
}

/**
 * The console's functions list: search, filter by tag, sort, page, and each function's invocations
 * and errors of the last 24 hours (one grouped query over the page's functions, by index).
 */
export async function browseFunctions(
  ctx: ServiceContext,
  input: z.input<typeof browseInput>,
): Promise<{ items: FunctionSummary[]; total: number; page: number; pageSize: number }> {
  const q = parseInput(browseInput, input);
  const tagged = q.tag === undefined ? undefined : await taggedIds(ctx, q.tag);
  const where = {
    ...(q.search ? { name: { contains: q.search, mode: "insensitive" as const } } : {}),
    ...(tagged ? { id: { in: tagged } } : {}),
  };
  const [rows, total] = await Promise.all([
    ctx.db.fn.findMany({
      where,
      orderBy: [{ [q.sort]: q.order }, { name: "asc" }],
      skip: (q.page - 1) * q.pageSize,
      take: q.pageSize,
    }),
    ctx.db.fn.count({ where }),
  ]);
  const ids = rows.map((r) => r.id);
  const stats = ids.length
    ? await ctx.db.$queryRaw<Array<{ functionId: string; invocations: bigint; errors: bigint }>>`
        SELECT "functionId", count(*) FILTER (WHERE outcome <> 'Throttled') AS invocations,
               count(*) FILTER (WHERE outcome NOT IN ('Success', 'Throttled')) AS errors
        FROM invocations
        WHERE "functionId" = ANY(${ids}::uuid[]) AND "startedAt" > now() - interval '24 hours'
        GROUP BY "functionId"`
    : [];
  const byId = new Map(stats.map((s) => [s.functionId, s]));
  return {
    items: rows.map((r) => ({
      ...toRecord(r),
      invocations24h: Number(byId.get(r.id)?.invocations ?? 0),
      errors24h: Number(byId.get(r.id)?.errors ?? 0),
    })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** Ids of the functions with tag `key` (any value) or `key=value`. */
async function taggedIds(ctx: ServiceContext, tag: string): Promise<string[]> {
  const eq = tag.indexOf("=");
  const key = eq < 0 ? tag : tag.slice(0, eq);
  const rows =
    eq < 0
      ? await ctx.db.$queryRaw<{ id: string }[]>`SELECT id FROM functions WHERE tags ? ${key}`
      : await ctx.db.$queryRaw<{ id: string }[]>`
          SELECT id FROM functions WHERE tags ->> ${key} = ${tag.slice(eq + 1)}`;
  return rows.map((r) => r.id);
}
