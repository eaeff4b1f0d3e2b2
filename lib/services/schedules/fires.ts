/** The history of a schedule's fires, newest first. */
import type { ServiceContext } from "@/lib/services/context";
import { getScheduleOrThrow } from "@/lib/services/schedules/get";
import type { ScheduleOwner } from "@/lib/services/schedules/owner";

/** The latest fires of a schedule, each with the invocation (or execution) it started, or "missed". */
export async function listScheduleFires(ctx: ServiceContext, owner: ScheduleOwner, id: string, limit = 50) {
  await getScheduleOrThrow(ctx, owner, id);
  return ctx.db.scheduleFire.findMany({
    where: { scheduleId: id },
    orderBy: { slot: "desc" },
    take: Math.min(Math.max(limit, 1), 500),
  });
}
