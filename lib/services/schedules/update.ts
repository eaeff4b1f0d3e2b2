/** Updates a schedule (incl. enable/disable); a new expression or zone restarts its count. */
import { conflict } from "@/lib/errors";
import type { ServiceContext } from "@/lib/services/context";
import { isUniqueViolation } from "@/lib/services/functions/store-code";
import { parseInput } from "@/lib/services/validate";
import { changedFields, recordAudit } from "@/lib/services/audit/record";
import { checkExpression } from "@/lib/services/schedules/check";
import { getScheduleOrThrow } from "@/lib/services/schedules/get";
import type { ScheduleRecord } from "@/lib/services/schedules/record";
import { updateScheduleInput, type UpdateScheduleInput } from "@/lib/services/schedules/schemas";

export async function updateSchedule(
  ctx: ServiceContext,
  functionName: string,
  id: string,
  input: UpdateScheduleInput,
): Promise<ScheduleRecord> {
  const current = await getScheduleOrThrow(ctx, functionName, id);
  const data = parseInput(updateScheduleInput, input);
  const expression = data.expression ?? current.expression;
  const timeZone = data.timeZone ?? current.timeZone;
  checkExpression(expression, timeZone);
  // A new expression or zone counts from now (rate) and cannot fire slots of the old one.
  const restart = expression !== current.expression || timeZone !== current.timeZone;
  try {
    const row = await ctx.db.$transaction(async (tx) => {
      const updated = await tx.schedule.update({
        where: { id },
        data: { ...data, ...(restart ? { startAt: new Date() } : {}), updatedAt: new Date() },
      });
      await recordAudit(tx, ctx, "schedule.update", functionName, {
        schedule: updated.name,
        changes: changedFields(current as unknown as Record<string, unknown>, data),
      });
      return updated;
    });
    ctx.schedulesChanged?.();
    return row;
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict(`A schedule named "${data.name}" already exists for ${functionName}`);
    throw err;
  }
}
