/** Lists the schedules of a function (or a state machine), by name. */
import type { ServiceContext } from "@/lib/services/context";
import { resolveOwner, type ScheduleOwner } from "@/lib/services/schedules/owner";
import type { ScheduleRecord } from "@/lib/services/schedules/record";

export async function listSchedules(ctx: ServiceContext, owner: ScheduleOwner): Promise<ScheduleRecord[]> {
  const { columns } = await resolveOwner(ctx, owner);
  return ctx.db.schedule.findMany({ where: columns, orderBy: { name: "asc" } });
}
