import { randomUUID } from "node:crypto";
import { AppError, conflict, notFound } from "@/lib/errors";
import type { ServiceContext } from "@/lib/services/context";
import { parseInput } from "@/lib/services/validate";
import { getFunctionOrThrow } from "@/lib/services/functions/get";
import { recordAudit } from "@/lib/services/audit/record";
import { actorLabel } from "@/lib/services/audit/actor";
import { functionArnOf } from "@/lib/services/function-urls/arn";
import { startRolloutInput, type StartRolloutInput } from "@/lib/services/rollouts/schemas";
import { toRolloutRecord, type RolloutDecision, type RolloutRecord } from "@/lib/services/rollouts/record";

/**
 * Starts moving an alias from the version it points at to `toVersion`: the first step's share
 * goes to the new version at once, and the rollout watcher takes it from there. One rollout per
 * alias at a time; the alias must serve a single published version when it starts.
 */
export async function startRollout(
  ctx: ServiceContext,
  functionName: string,
  input: StartRolloutInput,
): Promise<RolloutRecord> {
  const o = parseInput(startRolloutInput, input);
  const fn = await getFunctionOrThrow(ctx, functionName);
  const row = await ctx.db.$transaction(async (tx) => {
    const [alias] = await tx.$queryRaw<{ functionVersion: string; additionalVersion: string | null }[]>`
      SELECT "functionVersion", "additionalVersion" FROM function_aliases
       WHERE "functionId" = ${fn.id}::uuid AND name = ${o.alias} FOR UPDATE`;
    if (!alias) throw notFound(`Alias not found: ${functionArnOf(ctx, fn.name)}:${o.alias}`);
    const running = await tx.rollout.findFirst({ where: { functionId: fn.id, alias: o.alias, state: "running" } });
    if (running) throw conflict(`Alias ${o.alias} already has a rollout running (to version ${running.toVersion})`);
    if (alias.functionVersion === "$LATEST")
      throw new AppError(
        "InvalidParameterValueException",
        `Alias ${o.alias} points at $LATEST: a rollout moves an alias between published versions`,
      );
    if (alias.functionVersion === o.toVersion)
      throw new AppError("InvalidParameterValueException", `Alias ${o.alias} already points at version ${o.toVersion}`);
    const target = await tx.functionVersion.findUnique({
      where: { functionId_version: { functionId: fn.id, version: Number(o.toVersion) } },
    });
    if (!target) throw notFound(`Function not found: ${functionArnOf(ctx, fn.name)}:${o.toVersion}`);
    const weight = o.stepPercent / 100;
    const now = new Date();
    const first: RolloutDecision = {
      at: now.toISOString(),
      action: "start",
      weight,
      message:
        `${o.strategy} from version ${alias.functionVersion} to ${o.toVersion}: ${o.stepPercent}% ` +
        (o.strategy === "canary" ? `for ${o.intervalSeconds} s, then all` : `more every ${o.intervalSeconds} s`),
    };
    await tx.functionAlias.update({
      where: { functionId_name: { functionId: fn.id, name: o.alias } },
      data: {
        additionalVersion: o.toVersion,
        additionalWeight: weight,
        revision: { increment: 1 },
        updatedAt: now,
      },
    });
    const created = await tx.rollout.create({
      data: {
        id: randomUUID(),
        functionId: fn.id,
        alias: o.alias,
        fromVersion: alias.functionVersion,
        toVersion: o.toVersion,
        strategy: o.strategy,
        stepPercent: o.stepPercent,
        intervalSeconds: o.intervalSeconds,
        maxErrorRateIncrease: o.maxErrorRateIncrease,
        maxP99Ratio: o.maxP99Ratio,
        minInvocations: o.minInvocations,
        state: "running",
        weight,
        decisions: [first] as never,
        startedBy: actorLabel(ctx.actor),
        startedAt: now,
        nextStepAt: new Date(now.getTime() + o.intervalSeconds * 1000),
      },
    });
    await recordAudit(tx, ctx, "rollout.start", fn.name, {
      rollout: created.id,
      alias: o.alias,
      from: alias.functionVersion,
      to: o.toVersion,
      strategy: o.strategy,
      stepPercent: o.stepPercent,
      intervalSeconds: o.intervalSeconds,
    });
    return created;
  });
  ctx.functionChanged({ id: fn.id, name: fn.name, revision: fn.revision });
  return toRolloutRecord(row);
}
