import type { ServiceContext } from "@/lib/services/context";
import { getFunctionOrThrow } from "@/lib/services/functions/get";
import { dropUnusedCodePackage } from "@/lib/services/functions/store-code";
import { recordAudit } from "@/lib/services/audit/record";

/**
 * Deletes the function, its published versions and their code (packages nothing else uses). Its invocations and log lines stay, as CloudWatch
 * keeps a deleted function's log group; retention removes them in time.
 */
export async function deleteFunction(ctx: ServiceContext, name: string): Promise<void> {
  const fn = await getFunctionOrThrow(ctx, name);
  await ctx.db.$transaction(async (tx) => {
    const versionCode = await tx.functionVersion.findMany({
      where: { functionId: fn.id },
      select: { codeSha256: true },
      distinct: ["codeSha256"],
    });
    await tx.fn.delete({ where: { id: fn.id } }); // its versions go with it (ON DELETE CASCADE)
    await tx.testEvent.deleteMany({ where: { functionId: fn.id } });
    await tx.schedule.deleteMany({ where: { functionId: fn.id } });
    await tx.eventInvokeConfig.deleteMany({ where: { functionId: fn.id } });
    await tx.functionUrl.deleteMany({ where: { functionId: fn.id } });
    await tx.functionPermission.deleteMany({ where: { functionId: fn.id } });
    for (const sha of new Set([fn.codeSha256, ...versionCode.map((v) => v.codeSha256)]))
      await dropUnusedCodePackage(tx, sha);
    await recordAudit(tx, ctx, "function.delete", fn.name, { codeSha256: fn.codeSha256 });
  });
  ctx.functionChanged({ id: fn.id, name: fn.name, revision: null });
  ctx.urlsChanged?.(fn.id);
  ctx.schedulesChanged?.();
}
