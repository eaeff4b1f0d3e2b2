import type { ServiceContext } from "@/lib/services/context";
import { getFunctionOrThrow } from "@/lib/services/functions/get";
import { toRolloutRecord, type RolloutRecord } from "@/lib/services/rollouts/record";

/** A function's rollouts, newest first (optionally one alias's): the running one and the recent past. */
export async function listRollouts(
  ctx: ServiceContext,
  functionName: string,
  opts: { alias?: string; limit?: number } = {},
): Promise<RolloutRecord[]> {
  const fn = await getFunctionOrThrow(ctx, functionName);
  const rows = await ctx.db.rollout.findMany({
    where: { functionId: fn.id, ...(opts.alias ? { alias: opts.alias } : {}) },
    orderBy: { startedAt: "desc" },
    take: Math.min(Math.max(opts.limit ?? 20, 1), 100),
  });
  return rows.map(toRolloutRecord);
}
