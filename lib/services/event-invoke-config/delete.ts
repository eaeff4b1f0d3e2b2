/** Deletes the EventInvokeConfig of $LATEST, a version or an alias (audited; not found when there was none). */
import { configQualifier, missingConfig } from "@/lib/services/event-invoke-config/qualifier";
import type { ServiceContext } from "@/lib/services/context";
import { getFunctionOrThrow } from "@/lib/services/functions/get";
import { recordAudit } from "@/lib/services/audit/record";

export async function deleteEventInvokeConfig(
  ctx: ServiceContext,
  name: string,
  qualifier?: string | null,
): Promise<void> {
  const fn = await getFunctionOrThrow(ctx, name);
  const q = await configQualifier(ctx, fn, qualifier);
  const r = await ctx.db.$transaction(async (tx) => {
    const deleted = await tx.eventInvokeConfig.deleteMany({ where: { functionId: fn.id, qualifier: q } });
    if (deleted.count)
      await recordAudit(tx, ctx, "event-invoke-config.delete", fn.name, q === "$LATEST" ? {} : { qualifier: q });
    return deleted;
  });
  if (r.count === 0) throw missingConfig(fn.name, q);
}
