/** Looks up a schedule by its group and name (as the Scheduler API names it), with its function's name. */
import { notFound } from "@/lib/errors";
import type { ServiceContext } from "@/lib/services/context";
import { assertScheduleGroup } from "@/lib/services/schedules/get-group";
import type { ScheduleRecord } from "@/lib/services/schedules/record";

/** A schedule and the name of the function it targets. */
export interface TargetedSchedule {
  schedule: ScheduleRecord;
  functionName: string;
}

export async function findScheduleOrThrow(
  ctx: ServiceContext,
  groupName: string,
  name: string,
): Promise<TargetedSchedule> {
  assertScheduleGroup(groupName);
  const schedule = await ctx.db.schedule.findUnique({ where: { groupName_name: { groupName, name } } });
  const fn = schedule
    ? await ctx.db.fn.findUnique({ where: { id: schedule.functionId }, select: { name: true } })
    : null;
  if (!schedule || !fn) throw notFound(`Schedule ${name.slice(0, 64)} does not exist.`);
  return { schedule, functionName: fn.name };
}
