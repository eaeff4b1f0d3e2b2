/** Creates a schedule for a function (checked expression and dates, audited, runner told). */
import { randomUUID } from "node:crypto";
import { conflict } from "@/lib/errors";
import type { ServiceContext } from "@/lib/services/context";
import { getFunctionOrThrow } from "@/lib/services/functions/get";
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
  functionName: string,
  input: CreateScheduleInput,
): Promise<ScheduleRecord> {
  const data = parseInput(createScheduleInput, input);
  const parsed = checkExpression(data.expression, data.timeZone);
  checkDates(data.startDate, data.endDate);
  assertScheduleGroup(data.groupName);
  const fn = await getFunctionOrThrow(ctx, functionName);
  try {
    const row = await ctx.db.$transaction(async (tx) => {
      const created = await tx.schedule.create({
        data: { id: randomUUID(), functionId: fn.id, ...data, startAt: startAtOf(parsed, data.startDate) },
      });
      await recordAudit(tx, ctx, "schedule.create", fn.name, {
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
          where: { groupName: data.groupName, name: data.name, clientToken: data.clientToken, functionId: fn.id },
        })
      : null;
    if (same) return same;
    throw conflict(`A schedule named "${data.name}" already exists in group ${data.groupName}`);
  }
}
