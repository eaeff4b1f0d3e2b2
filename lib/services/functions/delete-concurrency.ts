import type { ServiceContext } from "@/lib/services/context";
import { getFunctionOrThrow } from "@/lib/services/functions/get";
import { recordAudit } from "@/lib/services/audit/record";

export async function deleteFunctionConcurrency(ctx: ServiceContext, name: string): Promise<void> {
  const fn = await getFunctionOrThrow(ctx, name);
  if (fn.reservedConcurrency === null) return; // nothing to change (the console's form sends it on every save)
  await ctx.db.$transaction(async (tx) => {
    await tx.fn.update({ where: { id: fn.id }, data: { reservedConcurrency: null } });
    await recordAudit(tx, ctx, "function.delete-concurrency", fn.name, {
      reservedConcurrency: { from: fn.reservedConcurrency, to: null },
    });
  });
  ctx.functionChanged({ id: fn.id, name: fn.name, revision: fn.revision });
}
