import { AppError, notFound } from "@/lib/errors";
import type { ServiceContext } from "@/lib/services/context";
import { parseInput } from "@/lib/services/validate";
import { getFunctionOrThrow } from "@/lib/services/functions/get";
import { recordAudit } from "@/lib/services/audit/record";
import { functionArnOf } from "@/lib/services/function-urls/arn";
import { updateAliasInput, type UpdateAliasInput } from "@/lib/services/aliases/schemas";
import { toAliasRecord, type AliasRecord } from "@/lib/services/aliases/record";
import { checkTargets, routingColumns } from "@/lib/services/aliases/targets";

/**
 * UpdateAlias: a new version, description or routing config; fields left out stay. A stale
 * RevisionId is refused (412). Invocations already running finish on the version they started on.
 */
export async function updateAlias(
  ctx: ServiceContext,
  functionName: string,
  name: string,
  input: UpdateAliasInput,
): Promise<AliasRecord> {
  const u = parseInput(updateAliasInput, input);
  const fn = await getFunctionOrThrow(ctx, functionName);
  const row = await ctx.db.$transaction(async (tx) => {
    // FOR UPDATE: two updates of one alias apply one after the other, each checking the revision it saw.
    const [locked] = await tx.$queryRaw<{ revision: number }[]>`
      SELECT revision FROM function_aliases WHERE "functionId" = ${fn.id}::uuid AND name = ${name} FOR UPDATE`;
    const before = locked
      ? await tx.functionAlias.findUniqueOrThrow({ where: { functionId_name: { functionId: fn.id, name } } })
      : null;
    if (!before) throw notFound(`Alias not found: ${functionArnOf(ctx, fn.name)}:${name.slice(0, 128)}`);
    const current = toAliasRecord(fn.name, before);
    if (u.revisionId !== undefined && u.revisionId !== current.revisionId)
      throw new AppError(
        "PreconditionFailedException",
        "The Revision Id provided does not match the latest Revision Id. Call the GetAlias API to retrieve the latest Revision Id",
      );
    const next = {
      functionVersion: u.functionVersion ?? current.functionVersion,
      routing: u.routing !== undefined ? u.routing : current.routing,
    };
    // Moving the alias to the version it used to share traffic with ends the split.
    if (next.routing && u.functionVersion !== undefined && next.routing.additionalVersion === next.functionVersion)
      next.routing = null;
    await checkTargets(ctx, tx, fn, next);
    const updated = await tx.functionAlias.update({
      where: { functionId_name: { functionId: fn.id, name } },
      data: {
        functionVersion: next.functionVersion,
        ...routingColumns(next.routing),
        ...(u.description !== undefined ? { description: u.description } : {}),
        revision: { increment: 1 },
        updatedAt: new Date(),
      },
    });
    // A change by hand during a rollout ends the rollout: the hand change wins.
    await tx.rollout.updateMany({
      where: { functionId: fn.id, alias: name, state: "running" },
      data: { state: "cancelled", reason: "the alias was changed by hand", finishedAt: new Date() },
    });
    await recordAudit(tx, ctx, "alias.update", fn.name, {
      alias: name,
      from: { functionVersion: current.functionVersion, routing: current.routing },
      to: next,
    });
    return updated;
  });
  ctx.functionChanged({ id: fn.id, name: fn.name, revision: fn.revision });
  return toAliasRecord(fn.name, row);
}
