/** RemovePermission: a statement leaves the function's resource-based policy. */
import { notFound } from "@/lib/errors";
import type { ServiceContext } from "@/lib/services/context";
import { getFunctionOrThrow } from "@/lib/services/functions/get";
import { recordAudit } from "@/lib/services/audit/record";
import { urlQualifier } from "@/lib/services/function-urls/qualifier";
import { assertPolicyRevision } from "@/lib/services/permissions/revision";

export async function removePermission(
  ctx: ServiceContext,
  functionName: string,
  statementId: string,
  opts: { qualifier?: string | null; revisionId?: string | null } = {},
): Promise<void> {
  const fn = await getFunctionOrThrow(ctx, functionName);
  await urlQualifier(ctx, fn, opts.qualifier);
  await ctx.db.$transaction(async (tx) => {
    if (opts.revisionId) await assertPolicyRevision(tx, fn.id, opts.revisionId);
    const gone = await tx.functionPermission.deleteMany({ where: { functionId: fn.id, sid: statementId } });
    if (gone.count === 0) throw notFound(`Statement ${statementId.slice(0, 100)} is not found in resource policy.`);
    await recordAudit(tx, ctx, "function.remove-permission", fn.name, { sid: statementId });
  });
  ctx.urlsChanged?.(fn.id);
}
