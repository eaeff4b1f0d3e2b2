/** Creates a schedule for a function (checked expression, audited, runner told). */
import { randomUUID } from "node:crypto";
import { conflict } from "@/lib/errors";
import type { ServiceContext } from "@/lib/services/context";
import { getFunctionOrThrow } from "@/lib/services/functions/get";
import { isUniqueViolation } from "@/lib/services/functions/store-code";
import { parseInput } from "@/lib/services/validate";
import { recordAudit } from "@/lib/services/audit/record";
import { checkExpression } from "@/lib/services/schedules/check";
import type { ScheduleRecord } from "@/lib/services/schedules/record";
import { createScheduleInput, type CreateScheduleInput } from "@/lib/services/schedules/schemas";

export async function createSchedule(
  ctx: ServiceContext,
  functionName: string,
  input: CreateScheduleInput,
): Promise<ScheduleRecord> {
  const data = parseInput(createScheduleInput, input);
  checkExpression(data.expression, data.timeZone);
  const fn = await getFunctionOrThrow(ctx, functionName);
  try {
    const row = await ctx.db.$transaction(async (tx) => {
      const created = await tx.schedule.create({
        data: { id: randomUUID(), functionId: fn.id, ...data, startAt: new Date() },
      });
      await recordAudit(tx, ctx, "schedule.create", fn.name, {
        schedule: created.name,
        expression: created.expression,
        timeZone: created.timeZone,
        enabled: created.enabled,
      });
      return created;
    });
    ctx.schedulesChanged?.();
    return row;
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict(`A schedule named "${data.name}" already exists for ${functionName}`);
    throw err;
  }
}
