/** DeleteFunctionUrlConfig: the URL stops answering at once, here and on every other server. */
import type { ServiceContext } from "@/lib/services/context";
import { recordAudit } from "@/lib/services/audit/record";
import { getFunctionUrl } from "@/lib/services/function-urls/get";

export async function deleteFunctionUrl(
  ctx: ServiceContext,
  functionName: string,
  qualifier?: string | null,
): Promise<void> {
  const current = await getFunctionUrl(ctx, functionName, qualifier);
  await ctx.db.$transaction(async (tx) => {
    await tx.functionUrl.delete({
      where: { functionId_qualifier: { functionId: current.functionId, qualifier: current.qualifier } },
    });
    await recordAudit(tx, ctx, "function-url.delete", functionName, { urlId: current.urlId });
  });
  ctx.urlsChanged?.(current.functionId);
}
