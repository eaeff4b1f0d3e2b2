/**
 * Lambda's EventInvokeConfig: retries (0–2), maximum event age (60–21600 s) and destinations
 * for asynchronous invocations. Destinations here are functions (by name or ARN).
 */
import { z } from "zod";
import { AppError, invalid, notFound } from "@/lib/errors";
import { parseFunctionRef } from "@/lib/invoke/names";
import type { ServiceContext } from "@/lib/services/context";
import { getFunctionOrThrow } from "@/lib/services/functions/get";
import { parseInput } from "@/lib/services/validate";
import { changedFields, recordAudit } from "@/lib/services/audit/record";

export interface EventInvokeConfigRecord {
  functionId: string;
  maximumRetryAttempts: number;
  maximumEventAgeSeconds: number;
  onSuccessDestination: string | null;
  onFailureDestination: string | null;
  updatedAt: Date;
}

export const DEFAULT_EVENT_INVOKE_CONFIG = {
  maximumRetryAttempts: 2,
  maximumEventAgeSeconds: 21600,
  onSuccessDestination: null,
  onFailureDestination: null,
};

const destination = z
  .string()
  .nullable()
  .refine((d) => d === null || /^(arn:aws[a-zA-Z-]*:lambda:[a-z0-9-]+:\d{12}:function:)?[a-zA-Z0-9_-]{1,64}$/.test(d), {
    message:
      "Destination must be a function name or a Lambda function ARN (queues, topics and event buses are not supported here)",
  });

const configInput = z.object({
  maximumRetryAttempts: z
    .number()
    .int()
    .min(0, "MaximumRetryAttempts must be between 0 and 2")
    .max(2, "MaximumRetryAttempts must be between 0 and 2")
    .optional(),
  maximumEventAgeSeconds: z
    .number()
    .int()
    .min(60, "MaximumEventAgeInSeconds must be between 60 and 21600")
    .max(21600, "MaximumEventAgeInSeconds must be between 60 and 21600")
    .optional(),
  onSuccessDestination: destination.optional(),
  onFailureDestination: destination.optional(),
});
export type EventInvokeConfigInput = z.input<typeof configInput>;

/** Put replaces the whole configuration; update changes only the fields given. */
export async function putEventInvokeConfig(
  ctx: ServiceContext,
  name: string,
  input: EventInvokeConfigInput,
  mode: "put" | "update" = "put",
): Promise<EventInvokeConfigRecord> {
  const data = parseInput(configInput, input);
  const fn = await getFunctionOrThrow(ctx, name);
  for (const d of [data.onSuccessDestination, data.onFailureDestination]) {
    if (d && parseFunctionRef(d).name === fn.name) throw invalid("A function cannot be its own destination");
  }
  const existing = await ctx.db.eventInvokeConfig.findUnique({ where: { functionId: fn.id } });
  if (mode === "update" && !existing) throw notFound(`The function ${fn.name} doesn't have an EventInvokeConfig`);
  const base = mode === "put" ? DEFAULT_EVENT_INVOKE_CONFIG : { ...DEFAULT_EVENT_INVOKE_CONFIG, ...existing };
  const next = {
    ...base,
    ...Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined)),
    updatedAt: new Date(),
  };
  const row = await ctx.db.$transaction(async (tx) => {
    const saved = await tx.eventInvokeConfig.upsert({
      where: { functionId: fn.id },
      create: {
        functionId: fn.id,
        maximumRetryAttempts: next.maximumRetryAttempts,
        maximumEventAgeSeconds: next.maximumEventAgeSeconds,
        onSuccessDestination: next.onSuccessDestination,
        onFailureDestination: next.onFailureDestination,
        updatedAt: next.updatedAt,
      },
      update: {
        maximumRetryAttempts: next.maximumRetryAttempts,
        maximumEventAgeSeconds: next.maximumEventAgeSeconds,
        onSuccessDestination: next.onSuccessDestination,
        onFailureDestination: next.onFailureDestination,
        updatedAt: next.updatedAt,
      },
    });
    const { functionId: _f, updatedAt: _u, ...after } = saved;
    await recordAudit(tx, ctx, `event-invoke-config.${mode}`, fn.name, {
      changes: changedFields({ ...DEFAULT_EVENT_INVOKE_CONFIG, ...existing } as Record<string, unknown>, after),
    });
    return saved;
  });
  return row;
}

export async function getEventInvokeConfig(ctx: ServiceContext, name: string): Promise<EventInvokeConfigRecord> {
  const fn = await getFunctionOrThrow(ctx, name);
  const row = await ctx.db.eventInvokeConfig.findUnique({ where: { functionId: fn.id } });
  if (!row)
    throw new AppError("ResourceNotFoundException", `The function ${fn.name} doesn't have an EventInvokeConfig`);
  return row;
}

export async function deleteEventInvokeConfig(ctx: ServiceContext, name: string): Promise<void> {
  const fn = await getFunctionOrThrow(ctx, name);
  const r = await ctx.db.$transaction(async (tx) => {
    const deleted = await tx.eventInvokeConfig.deleteMany({ where: { functionId: fn.id } });
    if (deleted.count) await recordAudit(tx, ctx, "event-invoke-config.delete", fn.name);
    return deleted;
  });
  if (r.count === 0)
    throw new AppError("ResourceNotFoundException", `The function ${fn.name} doesn't have an EventInvokeConfig`);
}

/** The settings in force: the stored ones, or Lambda's defaults when none were set. */
export async function getEventInvokeConfigOrDefault(ctx: ServiceContext, name: string) {
  const fn = await getFunctionOrThrow(ctx, name);
  return (
    (await ctx.db.eventInvokeConfig.findUnique({ where: { functionId: fn.id } })) ?? {
      functionId: fn.id,
      ...DEFAULT_EVENT_INVOKE_CONFIG,
      updatedAt: null,
    }
  );
}
