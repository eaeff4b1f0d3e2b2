import { AppError } from "@/lib/errors";
import type { ServiceContext } from "@/lib/services/context";
import { getAlias } from "@/lib/services/aliases/get";
import { updateAlias } from "@/lib/services/aliases/update";
import type { AliasRecord } from "@/lib/services/aliases/record";

/**
 * One-click rollback: points the alias at the version it pointed at before its current one (the
 * last change of its version in the audit log: a hand update or a finished rollout), with no split.
 */
export async function rollbackAlias(ctx: ServiceContext, functionName: string, alias: string): Promise<AliasRecord> {
  const current = await getAlias(ctx, functionName, alias);
  const entries = await ctx.db.$queryRaw<{ from: string | null; to: string | null }[]>`
    SELECT details->'from'->>'functionVersion' AS "from", details->'to'->>'functionVersion' AS "to"
      FROM audit_events
     WHERE resource = ${current.functionName} AND action IN ('alias.update', 'rollout.promote')
       AND details->>'alias' = ${alias}
     ORDER BY at DESC, id DESC LIMIT 200`;
  const last = entries.find((e) => e.from && e.to && e.from !== e.to && e.to === current.functionVersion);
  if (!last?.from)
    throw new AppError(
      "InvalidParameterValueException",
      `Alias ${alias} has always pointed at version ${current.functionVersion}: there is no previous version`,
    );
  return updateAlias(ctx, functionName, alias, { functionVersion: last.from, routing: null });
}
