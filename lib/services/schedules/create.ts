/** Creates a schedule for a function or a state machine (checked expression and dates, audited, runner told). */
import { randomUUID } from "node:crypto";
import { conflict, invalid } from "@/lib/errors";
import type { ServiceContext } from "@/lib/services/context";
import { resolveOwner, type ScheduleOwner } from "@/lib/services/schedules/owner";
import { isUniqueViolation } from "@/lib/services/functions/store-code";
import { parseInput } from "@/lib/services/validate";
import { recordAudit } from "@/lib/services/audit/record";
import { checkExpression } from "@/lib/services/schedules/check";
import { assertScheduleGroup } from "@/lib/services/schedules/get-group";
import type { ScheduleRecord } from "@/lib/services/schedules/record";
import { createScheduleInput, type CreateScheduleInput } from "@/lib/services/schedules/schemas";
import { checkDates, startAtOf } from "@/lib/services/schedules/timing";

export async function createSchedule(
  ctx: ServiceContext,
  owner: ScheduleOwner,
  input: CreateScheduleInput,
): Promise<ScheduleRecord> {
  const data = parseInput(createScheduleInput, input);
  const parsed = checkExpression(data.expression, data.timeZone);
  checkDates(data.startDate, data.endDate);
  assertScheduleGroup(data.groupName);
  const target = await resolveOwner(ctx, owner);
  if (target.columns.stateMachineId && data.qualifier)
    throw invalid("A state machine target takes no version or alias");
  try {
    const row = await ctx.db.$transaction(async (tx) => {
      const created = await tx.schedule.create({
        data: { id: randomUUID(), ...target.columns, ...data, startAt: startAtOf(parsed, data.startDate) },
      });
      await recordAudit(tx, ctx, "schedule.create", target.label, {
        schedule: created.name,
        expression: created.expression,
        timeZone: created.timeZone,
        enabled: created.enabled,
        ...(created.qualifier ? { qualifier: created.qualifier } : {}),
      });
      return created;
    });
    ctx.schedulesChanged?.();
    return row;
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    // The same CreateSchedule again (its ClientToken says so) gets the schedule it made.
    const same = data.clientToken
      ? await ctx.db.schedule.findFirst({
          where: { groupName: data.groupName, name: data.name, clientToken: data.clientToken, ...target.columns },
        })
      : null;
    if (same) return same;
    throw conflict(`A schedule named "${data.name}" already exists in group ${data.groupName}`);
  }
}
