/**
 * Updates a schedule (incl. enable/disable, and moving it to another function or to a state
 * machine); a new expression, zone or StartDate restarts its count.
 */
import { conflict } from "@/lib/errors";
import type { ServiceContext } from "@/lib/services/context";
import { resolveOwner, type ScheduleOwner } from "@/lib/services/schedules/owner";
import { isUniqueViolation } from "@/lib/services/functions/store-code";
import { parseInput } from "@/lib/services/validate";
import { changedFields, recordAudit } from "@/lib/services/audit/record";
import { checkExpression } from "@/lib/services/schedules/check";
import { getOwnedScheduleOrThrow } from "@/lib/services/schedules/get";
import type { ScheduleRecord } from "@/lib/services/schedules/record";
import { updateScheduleInput, type UpdateScheduleInput } from "@/lib/services/schedules/schemas";
import { checkDates, sameInstant, startAtOf } from "@/lib/services/schedules/timing";

export async function updateSchedule(
  ctx: ServiceContext,
  owner: ScheduleOwner,
  id: string,
  input: UpdateScheduleInput,
): Promise<ScheduleRecord> {
  const {
    schedule: current,
    owner: { label },
  } = await getOwnedScheduleOrThrow(ctx, owner, id);
  const { functionName, stateMachineName, ...data } = parseInput(updateScheduleInput, input);
  const expression = data.expression ?? current.expression;
  const timeZone = data.timeZone ?? current.timeZone;
  const parsed = checkExpression(expression, timeZone);
  const startDate = data.startDate === undefined ? current.startDate : data.startDate;
  const endDate = data.endDate === undefined ? current.endDate : data.endDate;
  const startMoved = !sameInstant(startDate, current.startDate);
  checkDates(startDate, endDate, { start: startMoved, end: !sameInstant(endDate, current.endDate) });
  // A new expression, zone or StartDate counts from then (rate) and cannot fire slots of the old one.
  const restart = expression !== current.expression || timeZone !== current.timeZone || startMoved;
  const target: ScheduleOwner | undefined =
    stateMachineName !== undefined ? { stateMachine: stateMachineName } : functionName;
  const moveTo = target !== undefined ? await resolveOwner(ctx, target) : null;
  const moved =
    moveTo !== null &&
    (moveTo.columns.functionId !== current.functionId || moveTo.columns.stateMachineId !== current.stateMachineId);
  try {
    const row = await ctx.db.$transaction(async (tx) => {
      const updated = await tx.schedule.update({
        where: { id },
        data: {
          ...data,
          ...(moved ? moveTo.columns : {}),
          ...(restart ? { startAt: startAtOf(parsed, startDate) } : {}),
          updatedAt: new Date(),
        },
      });
      await recordAudit(tx, ctx, "schedule.update", label, {
        schedule: updated.name,
        changes: {
          ...changedFields(current as unknown as Record<string, unknown>, data),
          ...(moved ? { target: { from: label, to: moveTo.label } } : {}),
        },
      });
      return updated;
    });
    ctx.schedulesChanged?.();
    return row;
  } catch (err) {
    if (isUniqueViolation(err))
      throw conflict(`A schedule named "${data.name}" already exists in group ${current.groupName}`);
    throw err;
  }
}
