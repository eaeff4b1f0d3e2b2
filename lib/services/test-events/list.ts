/** Lists a function's saved test events, by name. */
import type { ServiceContext } from "@/lib/services/context";
import { getFunctionOrThrow } from "@/lib/services/functions/get";
import { toTestEventRecord, type TestEventRecord } from "@/lib/services/test-events/record";

export async function listTestEvents(ctx: ServiceContext, functionName: string): Promise<TestEventRecord[]> {
  const fn = await getFunctionOrThrow(ctx, functionName);
  const rows = await ctx.db.testEvent.findMany({ where: { functionId: fn.id }, orderBy: { name: "asc" } });
  return rows.map(toTestEventRecord);
}
