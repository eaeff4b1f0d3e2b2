/** The history of a schedule's fires, newest first. */
import type { ServiceContext } from "@/lib/services/context";
import { getScheduleOrThrow } from "@/lib/services/schedules/get";

/** The latest fires of a schedule, each with the invocation it started (or "missed"). */
export async function listScheduleFires(ctx: ServiceContext, functionName: string, id: string, limit = 50) {
  await getScheduleOrThrow(ctx, functionName, id);
  return ctx.db.scheduleFire.findMany({
    where: { scheduleId: id },
    orderBy: { slot: "desc" },
    take: Math.min(Math.max(limit, 1), 500),
  });
}
