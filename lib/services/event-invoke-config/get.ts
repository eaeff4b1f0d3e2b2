/** Reads an EventInvokeConfig (of $LATEST, a version or an alias): as stored (or not found), or in force. */
import type { ServiceContext } from "@/lib/services/context";
import { getFunctionOrThrow } from "@/lib/services/functions/get";
import { DEFAULT_EVENT_INVOKE_CONFIG, type EventInvokeConfigRecord } from "@/lib/services/event-invoke-config/record";
import { configQualifier, missingConfig } from "@/lib/services/event-invoke-config/qualifier";

export async function getEventInvokeConfig(
  ctx: ServiceContext,
  name: string,
  qualifier?: string | null,
): Promise<EventInvokeConfigRecord> {
  const fn = await getFunctionOrThrow(ctx, name);
  const q = await configQualifier(ctx, fn, qualifier);
  const row = await ctx.db.eventInvokeConfig.findUnique({
    where: { functionId_qualifier: { functionId: fn.id, qualifier: q } },
  });
  if (!row) throw missingConfig(fn.name, q);
  return row;
}

/** The settings in force for $LATEST: the stored ones, or Lambda's defaults when none were set. */
export async function getEventInvokeConfigOrDefault(ctx: ServiceContext, name: string) {
  const fn = await getFunctionOrThrow(ctx, name);
  return (
    (await ctx.db.eventInvokeConfig.findUnique({
      where: { functionId_qualifier: { functionId: fn.id, qualifier: "$LATEST" } },
    })) ?? { functionId: fn.id, qualifier: "$LATEST", ...DEFAULT_EVENT_INVOKE_CONFIG, updatedAt: null }
  );
}

/** Every EventInvokeConfig of the function ($LATEST first, then by qualifier). */
export async function listEventInvokeConfigs(ctx: ServiceContext, name: string): Promise<EventInvokeConfigRecord[]> {
  const fn = await getFunctionOrThrow(ctx, name);
  const rows = await ctx.db.eventInvokeConfig.findMany({ where: { functionId: fn.id } });
  return rows.sort((a, b) =>
    a.qualifier === "$LATEST" ? -1 : b.qualifier === "$LATEST" ? 1 : a.qualifier.localeCompare(b.qualifier),
  );
}
