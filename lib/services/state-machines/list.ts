/** State machines by name, a page at a time (the token is the last name given). */
import type { ServiceContext } from "@/lib/services/context";
import { type StateMachineRecord, toStateMachineRecord } from "@/lib/services/state-machines/record";

export async function listStateMachines(
  ctx: ServiceContext,
  opts: { after?: string; limit?: number } = {},
): Promise<{ items: StateMachineRecord[]; next: string | null }> {
  const limit = opts.limit ?? 100;
  const rows = await ctx.db.stateMachine.findMany({
    where: opts.after ? { name: { gt: opts.after } } : {},
    orderBy: { name: "asc" },
    take: limit + 1,
  });
  const items = rows.slice(0, limit).map((r) => toStateMachineRecord(ctx, r));
  return { items, next: rows.length > limit ? items.at(-1)!.name : null };
}
