/** Deletes a function's EventInvokeConfig (audited; not found when there was none). */
import { AppError } from "@/lib/errors";
import type { ServiceContext } from "@/lib/services/context";
import { getFunctionOrThrow } from "@/lib/services/functions/get";
import { recordAudit } from "@/lib/services/audit/record";

export async function deleteEventInvokeConfig(ctx: ServiceContext, name: string): Promise<void> {
  const fn = await getFunctionOrThrow(ctx, name);
  const r = await ctx.db.$transaction(async (tx) => {
    const deleted = await tx.eventInvokeConfig.deleteMany({ where: { functionId: fn.id } });
    if (deleted.count) await recordAudit(tx, ctx, "event-invoke-config.delete", fn.name);
    return deleted;
  });
  if (r.count === 0)
    throw new AppError("ResourceNotFoundException", `The function ${fn.name} doesn't have an EventInvokeConfig`);
}
