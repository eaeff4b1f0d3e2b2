/** Deletes a schedule and its history of fires (audited, runner told). */
import type { ServiceContext } from "@/lib/services/context";
import { recordAudit } from "@/lib/services/audit/record";
import { getScheduleOrThrow } from "@/lib/services/schedules/get";

export async function deleteSchedule(ctx: ServiceContext, functionName: string, id: string): Promise<void> {
  const current = await getScheduleOrThrow(ctx, functionName, id);
  await ctx.db.$transaction(async (tx) => {
    await tx.schedule.delete({ where: { id } });
    await tx.scheduleFire.deleteMany({ where: { scheduleId: id } });
    await recordAudit(tx, ctx, "schedule.delete", functionName, { schedule: current.name });
  });
  ctx.schedulesChanged?.();
}
