/** Lists a function's schedules, by name. */
import type { ServiceContext } from "@/lib/services/context";
import { getFunctionOrThrow } from "@/lib/services/functions/get";
import type { ScheduleRecord } from "@/lib/services/schedules/record";

export async function listSchedules(ctx: ServiceContext, functionName: string): Promise<ScheduleRecord[]> {
  const fn = await getFunctionOrThrow(ctx, functionName);
  return ctx.db.schedule.findMany({ where: { functionId: fn.id }, orderBy: { name: "asc" } });
}
