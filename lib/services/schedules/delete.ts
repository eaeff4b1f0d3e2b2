/** Deletes a schedule and its history of fires (audited, runner told). */
import type { ServiceContext } from "@/lib/services/context";
import { recordAudit } from "@/lib/services/audit/record";
import { getScheduleOrThrow } from "@/lib/services/schedules/get";
import { resolveOwner, type ScheduleOwner } from "@/lib/services/schedules/owner";

export async function deleteSchedule(ctx: ServiceContext, owner: ScheduleOwner, id: string): Promise<void> {
  const current = await getScheduleOrThrow(ctx, owner, id);
  const { label } = await resolveOwner(ctx, owner);
  await ctx.db.$transaction(async (tx) => {
    await tx.schedule.delete({ where: { id } });
    await tx.scheduleFire.deleteMany({ where: { scheduleId: id } });
    await recordAudit(tx, ctx, "schedule.delete", label, { schedule: current.name });
  });
  ctx.schedulesChanged?.();
}
