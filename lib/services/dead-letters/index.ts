/** The dead-letter list of a function: async events that failed for good without a destination. */
import type { ServiceContext } from "@/lib/services/context";
import { getFunctionOrThrow } from "@/lib/services/functions/get";

export async function listDeadLetters(ctx: ServiceContext, functionName: string, limit = 100) {
  const fn = await getFunctionOrThrow(ctx, functionName);
  return ctx.db.deadLetter.findMany({
    where: { functionId: fn.id },
    orderBy: { createdAt: "desc" },
    take: Math.min(Math.max(limit, 1), 500),
  });
}
