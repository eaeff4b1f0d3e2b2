/**
 * Schedules of a function: create, update (incl. enable/disable), delete, list, preview and
 * the history of fires. Expressions are EventBridge's (lib/scheduler/expression.ts); the same
 * code computes the preview here and the fire times in the runner.
 */
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { AppError, conflict, notFound } from "@/lib/errors";
import {
  nextFireTimes,
  parseScheduleExpression,
  ScheduleExpressionError,
  ScheduleTimeZoneError,
  validateTimeZone,
  describeSchedule,
} from "@/lib/scheduler/expression";
import type { ServiceContext } from "@/lib/services/context";
import { getFunctionOrThrow } from "@/lib/services/functions/get";
import { isUniqueViolation } from "@/lib/services/functions/store-code";
import { isJsonText, parseInput } from "@/lib/services/validate";
import { changedFields, recordAudit } from "@/lib/services/audit/record";

export interface ScheduleRecord {
  id: string;
  functionId: string;
  name: string;
  expression: string;
  timeZone: string;
  enabled: boolean;
  description: string;
  input: string | null;
  maximumEventAgeSeconds: number;
  startAt: Date;
  createdAt: Date;
  updatedAt: Date;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const fields = {
  name: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, "Schedule name must be 1–64 letters, digits, '.', '-' or '_'"),
  expression: z.string().max(256),
  timeZone: z.string().max(64),
  enabled: z.boolean(),
  description: z.string().max(512, "Description must be at most 512 characters"),
  input: z
    .string()
    .max(256 * 1024, "Input must be at most 256 KB")
    .refine(isJsonText, "Input must be valid JSON")
    .nullable(),
  maximumEventAgeSeconds: z
    .number()
    .int()
    .min(60, "Maximum event age must be between 60 and 86400 seconds")
    .max(86400, "Maximum event age must be between 60 and 86400 seconds"),
};
const createInput = z.object({
  ...fields,
  timeZone: fields.timeZone.default("UTC"),
  enabled: fields.enabled.default(true),
  description: fields.description.default(""),
  input: fields.input.default(null),
  maximumEventAgeSeconds: fields.maximumEventAgeSeconds.default(3600),
});
const updateInput = z.object(fields).partial();

/** Parses and checks an expression and zone; errors carry what is wrong and where. */
export function checkExpression(expression: string, timeZone: string) {
  try {
    validateTimeZone(timeZone);
    return parseScheduleExpression(expression);
  } catch (err) {
    if (err instanceof ScheduleExpressionError)
      throw new AppError("InvalidParameterValueException", err.message, {
        field: "expression",
        ...(err.position !== undefined ? { position: err.position } : {}),
      });
    if (err instanceof ScheduleTimeZoneError)
      throw new AppError("InvalidParameterValueException", err.message, { field: "timeZone" });
    throw err;
  }
}

/** The next fire times (for the console's preview), and a description in words. */
export function previewSchedule(
  expression: string,
  timeZone = "UTC",
  count = 5,
  start?: Date,
): { description: string; next: string[] } {
  const parsed = checkExpression(expression, timeZone);
  const next = nextFireTimes(parsed, { after: new Date(), count, timeZone, start: start ?? new Date() }).map((d) =>
    d.toISOString(),
  );
  return { description: describeSchedule(parsed), next };
}

export async function listSchedules(ctx: ServiceContext, functionName: string): Promise<ScheduleRecord[]> {
  const fn = await getFunctionOrThrow(ctx, functionName);
  return ctx.db.schedule.findMany({ where: { functionId: fn.id }, orderBy: { name: "asc" } });
}

export async function createSchedule(
  ctx: ServiceContext,
  functionName: string,
  input: unknown,
): Promise<ScheduleRecord> {
  const data = parseInput(createInput, input);
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

export async function updateSchedule(
  ctx: ServiceContext,
  functionName: string,
  id: string,
  input: unknown,
): Promise<ScheduleRecord> {
  const current = await getScheduleOrThrow(ctx, functionName, id);
  const data = parseInput(updateInput, input);
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

export async function deleteSchedule(ctx: ServiceContext, functionName: string, id: string): Promise<void> {
  const current = await getScheduleOrThrow(ctx, functionName, id);
  await ctx.db.$transaction(async (tx) => {
    await tx.schedule.delete({ where: { id } });
    await tx.scheduleFire.deleteMany({ where: { scheduleId: id } });
    await recordAudit(tx, ctx, "schedule.delete", functionName, { schedule: current.name });
  });
  ctx.schedulesChanged?.();
}

export async function getScheduleOrThrow(
  ctx: ServiceContext,
  functionName: string,
  id: string,
): Promise<ScheduleRecord> {
  const fn = await getFunctionOrThrow(ctx, functionName);
  const row = UUID.test(id) ? await ctx.db.schedule.findFirst({ where: { id, functionId: fn.id } }) : null;
  if (!row) throw notFound(`Schedule ${id.slice(0, 64)} not found for ${functionName}`);
  return row;
}

/** The latest fires of a schedule, each with the invocation it started (or "missed"). */
export async function listScheduleFires(ctx: ServiceContext, functionName: string, id: string, limit = 50) {
  await getScheduleOrThrow(ctx, functionName, id);
  return ctx.db.scheduleFire.findMany({
    where: { scheduleId: id },
    orderBy: { slot: "desc" },
    take: Math.min(Math.max(limit, 1), 500),
  });
}
