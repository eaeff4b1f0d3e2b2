/** Reads a function's EventInvokeConfig: as stored (or not found), or the settings in force. */
import { AppError } from "@/lib/errors";
import type { ServiceContext } from "@/lib/services/context";
import { getFunctionOrThrow } from "@/lib/services/functions/get";
import { DEFAULT_EVENT_INVOKE_CONFIG, type EventInvokeConfigRecord } from "@/lib/services/event-invoke-config/record";

export async function getEventInvokeConfig(ctx: ServiceContext, name: string): Promise<EventInvokeConfigRecord> {
  const fn = await getFunctionOrThrow(ctx, name);
  const row = await ctx.db.eventInvokeConfig.findUnique({ where: { functionId: fn.id } });
  if (!row)
    throw new AppError("ResourceNotFoundException", `The function ${fn.name} doesn't have an EventInvokeConfig`);
  return row;
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
