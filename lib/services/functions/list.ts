import { z } from "zod";
import type { ServiceContext } from "@/lib/services/context";
import { parseInput } from "@/lib/services/validate";
import { toRecord, type FunctionRecord } from "@/lib/services/functions/record";

const listInput = z.object({
  /** Opaque marker from the previous page: the last name returned. */
  marker: z.string().max(256).optional(),
  maxItems: z
    .number()
    .int()
    .min(1, "MaxItems must be between 1 and 10000")
    .max(10_000, "MaxItems must be between 1 and 10000")
    .default(50),
  search: z.string().max(64).optional(),
});

export async function listFunctions(
  ctx: ServiceContext,
  input: z.input<typeof listInput>,
): Promise<{ items: FunctionRecord[]; nextMarker: string | null }> {
  const { marker, maxItems, search } = parseInput(listInput, input);
  const after = marker ? Buffer.from(marker, "base64url").toString("utf8") : undefined;
  const rows = await ctx.db.fn.findMany({
    where: {
      ...(after !== undefined ? { name: { gt: after } } : {}),
      ...(search
        ? { name: { contains: search, mode: "insensitive" as const, ...(after !== undefined ? { gt: after } : {}) } }
        : {}),
    },
    orderBy: { name: "asc" },
    take: maxItems + 1,
  });
  const items = rows.slice(0, maxItems).map(toRecord);
  const last = items.at(-1); // defined whenever rows.length > maxItems, as maxItems >= 1
  const nextMarker = rows.length > maxItems && last ? Buffer.from(last.name).toString("base64url") : null;
  return { items, nextMarker };
}
