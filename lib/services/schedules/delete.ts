/** Deletes a schedule and its history of fires (audited, runner told). */
import type { ServiceContext } from "@/lib/services/context";
import { recordAudit } from "@/lib/services/audit/record";
import { getOwnedScheduleOrThrow } from "@/lib/services/schedules/get";
import type { ScheduleOwner } from "@/lib/services/schedules/owner";

export async function deleteSchedule(ctx: ServiceContext, owner: ScheduleOwner, id: string): Promise<void> {
  const {
    schedule: current,
    owner: { label },
  } = await getOwnedScheduleOrThrow(ctx, owner, id);
  await ctx.db.$transaction(async (tx) => {
    await tx.schedule.delete({ where: { id } });
    await tx.scheduleFire.deleteMany({ where: { scheduleId: id } });
    await recordAudit(tx, ctx, "schedule.delete", label, { schedule: current.name });
  });
  ctx.schedulesChanged?.();
}
