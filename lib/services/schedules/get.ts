/** Looks up one schedule of a function by id, or fails with not found. */
import { notFound } from "@/lib/errors";
import type { ServiceContext } from "@/lib/services/context";
import { getFunctionOrThrow } from "@/lib/services/functions/get";
import type { ScheduleRecord } from "@/lib/services/schedules/record";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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
