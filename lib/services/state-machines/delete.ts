/**
 * Deletes a state machine (DeleteStateMachine) with its executions and their history: running
 * ones stop (their next checkpoint finds no row), and its schedules and event source mappings go
 * too. Deleting one that does not exist succeeds, as on Step Functions.
 */
import { recordAudit } from "@/lib/services/audit/record";
import type { ServiceContext } from "@/lib/services/context";

export async function deleteStateMachine(ctx: ServiceContext, name: string): Promise<void> {
  const deleted = await ctx.db.$transaction(async (tx) => {
    const r = await tx.stateMachine.deleteMany({ where: { name } });
    if (r.count) await recordAudit(tx, ctx, "state-machine.delete", name);
    return r.count > 0;
  });
  // Its schedules and event source mappings went with it: their runners let go of them.
  if (deleted) {
    ctx.schedulesChanged?.();
    ctx.eventSourcesChanged?.();
  }
}
