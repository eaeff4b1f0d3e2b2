import { conflict, notFound } from "@/lib/errors";
import type { ServiceContext } from "@/lib/services/context";
import { getFunctionOrThrow } from "@/lib/services/functions/get";
import { recordAudit } from "@/lib/services/audit/record";
import { toRolloutRecord, type RolloutDecision, type RolloutRecord } from "@/lib/services/rollouts/record";

/** Stops a running rollout by hand: the alias goes back to serving only the version it started from. */
export async function cancelRollout(ctx: ServiceContext, functionName: string, id: string): Promise<RolloutRecord> {
  const fn = await getFunctionOrThrow(ctx, functionName);
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id))
    throw notFound(`Rollout not found: ${id.slice(0, 64)}`);
  const row = await ctx.db.$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<{ state: string }[]>`
      SELECT state FROM rollouts WHERE id = ${id}::uuid AND "functionId" = ${fn.id}::uuid FOR UPDATE`;
    if (!locked) throw notFound(`Rollout not found: ${id.slice(0, 64)}`);
    if (locked.state !== "running") throw conflict(`The rollout has already ended (${locked.state})`);
    const r = toRolloutRecord(await tx.rollout.findUniqueOrThrow({ where: { id } }));
    const now = new Date();
    const d: RolloutDecision = { at: now.toISOString(), action: "cancel", weight: 0, message: "cancelled by hand" };
    await tx.functionAlias.update({
      where: { functionId_name: { functionId: fn.id, name: r.alias } },
      data: {
        functionVersion: r.fromVersion,
        additionalVersion: null,
        additionalWeight: 0,
        revision: { increment: 1 },
        updatedAt: now,
      },
    });
    const updated = await tx.rollout.update({
      where: { id },
      data: {
        state: "cancelled",
        weight: 0,
        decisions: [...r.decisions, d] as never,
        reason: d.message,
        finishedAt: now,
      },
    });
    await recordAudit(tx, ctx, "rollout.cancel", fn.name, { rollout: id, alias: r.alias });
    return updated;
  });
  ctx.functionChanged({ id: fn.id, name: fn.name, revision: fn.revision });
  return toRolloutRecord(row);
}
