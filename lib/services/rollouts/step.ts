import type { Prisma } from "@/lib/generated/prisma/client";
import type { ServiceContext } from "@/lib/services/context";
import { recordAudit } from "@/lib/services/audit/record";
import { versionStats } from "@/lib/services/rollouts/metrics";
import { judge } from "@/lib/services/rollouts/judge";
import { toRolloutRecord, type RolloutDecision, type RolloutRecord } from "@/lib/services/rollouts/record";

type Tx = Prisma.TransactionClient;

/**
 * Looks at one running rollout now: rolls it back the moment the new version does worse than
 * the stable one (checked on every call), and otherwise takes its next step when it is due —
 * more traffic, or all of it. Locked with SKIP LOCKED, so one server acts on a rollout at a time.
 * Returns the rollout when it changed, null when nothing was done.
 */
export async function stepRollout(ctx: ServiceContext, id: string, now = new Date()): Promise<RolloutRecord | null> {
  const changed = await ctx.db.$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM rollouts WHERE id = ${id}::uuid AND state = 'running' FOR UPDATE SKIP LOCKED`;
    if (!locked) return null;
    const r = toRolloutRecord(await tx.rollout.findUniqueOrThrow({ where: { id } }));
    const fn = await tx.fn.findUniqueOrThrow({ where: { id: r.functionId }, select: { name: true, revision: true } });
    const since = new Date(r.decisions.at(-1)?.at ?? r.startedAt);
    const stats = await versionStats(tx, r.functionId, [r.fromVersion, r.toVersion], since);
    const stable = stats.get(r.fromVersion)!;
    const candidate = stats.get(r.toVersion)!;
    const v = judge(r, stable, candidate);
    const seen = { stable, candidate };
    if (v.verdict === "rollback") {
      await moveAlias(tx, r, { functionVersion: r.fromVersion, weight: 0 }, now);
      const d: RolloutDecision = { at: now.toISOString(), action: "rollback", weight: 0, message: v.message, ...seen };
      await finish(tx, r, "rolled-back", d, now);
      await recordAudit(tx, ctx, "rollout.rollback", fn.name, { rollout: r.id, alias: r.alias, decision: d });
      return { fn, record: r };
    }
    if (now < r.nextStepAt) return null;
    const weight = r.strategy === "canary" ? 1 : Math.min(1, Math.round((r.weight + r.stepPercent / 100) * 100) / 100);
    if (weight >= 1) {
      await moveAlias(tx, r, { functionVersion: r.toVersion, weight: 0 }, now);
      const d: RolloutDecision = { at: now.toISOString(), action: "promote", weight: 1, message: v.message, ...seen };
      await finish(tx, r, "succeeded", d, now);
      // from → to as alias.update writes them: one-click rollback finds the previous version here.
      await recordAudit(tx, ctx, "rollout.promote", fn.name, {
        rollout: r.id,
        alias: r.alias,
        from: { functionVersion: r.fromVersion },
        to: { functionVersion: r.toVersion },
        decision: d,
      });
      return { fn, record: r };
    }
    await moveAlias(tx, r, { functionVersion: r.fromVersion, weight }, now);
    const d: RolloutDecision = { at: now.toISOString(), action: "advance", weight, message: v.message, ...seen };
    await tx.rollout.update({
      where: { id },
      data: {
        weight,
        decisions: [...r.decisions, d] as never,
        nextStepAt: new Date(now.getTime() + r.intervalSeconds * 1000),
      },
    });
    await recordAudit(tx, ctx, "rollout.advance", fn.name, { rollout: r.id, alias: r.alias, decision: d });
    return { fn, record: r };
  });
  if (!changed) return null;
  ctx.functionChanged({ id: changed.record.functionId, name: changed.fn.name, revision: changed.fn.revision });
  return toRolloutRecord(await ctx.db.rollout.findUniqueOrThrow({ where: { id } }));
}

/** Points the alias at `functionVersion`, with the new version's share `weight` (0: none). */
async function moveAlias(tx: Tx, r: RolloutRecord, to: { functionVersion: string; weight: number }, now: Date) {
  const split = to.weight > 0;
  await tx.functionAlias.update({
    where: { functionId_name: { functionId: r.functionId, name: r.alias } },
    data: {
      functionVersion: to.functionVersion,
      additionalVersion: split ? r.toVersion : null,
      additionalWeight: split ? to.weight : 0,
      revision: { increment: 1 },
      updatedAt: now,
    },
  });
}

async function finish(tx: Tx, r: RolloutRecord, state: RolloutRecord["state"], d: RolloutDecision, now: Date) {
  await tx.rollout.update({
    where: { id: r.id },
    data: { state, weight: d.weight, decisions: [...r.decisions, d] as never, reason: d.message, finishedAt: now },
  });
}

/** Steps every running rollout (the watcher's tick). */
export async function stepRunningRollouts(ctx: ServiceContext, now = new Date()): Promise<RolloutRecord[]> {
  const running = await ctx.db.rollout.findMany({ where: { state: "running" }, select: { id: true } });
  const out: RolloutRecord[] = [];
  for (const { id } of running) {
    const r = await stepRollout(ctx, id, now);
    if (r) out.push(r);
  }
  return out;
}
