import type { ServiceContext } from "@/lib/services/context";
import { getFunctionOrThrow } from "@/lib/services/functions/get";
import { recordAudit } from "@/lib/services/audit/record";

/**
 * DeleteAlias: idempotent, as Lambda's (204 whether or not it existed). Any rollout on it ends;
 * its function URL, the policy statements and the async settings made for it go with it.
 */
export async function deleteAlias(ctx: ServiceContext, functionName: string, name: string): Promise<void> {
  const fn = await getFunctionOrThrow(ctx, functionName);
  const gone = await ctx.db.$transaction(async (tx) => {
    const { count } = await tx.functionAlias.deleteMany({ where: { functionId: fn.id, name } });
    if (count === 0) return false;
    await tx.rollout.updateMany({
      where: { functionId: fn.id, alias: name, state: "running" },
      data: { state: "cancelled", reason: "the alias was deleted", finishedAt: new Date() },
    });
    await tx.functionUrl.deleteMany({ where: { functionId: fn.id, qualifier: name } });
    await tx.functionPermission.deleteMany({ where: { functionId: fn.id, qualifier: name } });
    await tx.eventInvokeConfig.deleteMany({ where: { functionId: fn.id, qualifier: name } });
    await recordAudit(tx, ctx, "alias.delete", fn.name, { alias: name });
    return true;
  });
  if (!gone) return;
  ctx.functionChanged({ id: fn.id, name: fn.name, revision: fn.revision });
  ctx.urlsChanged?.(fn.id);
}
