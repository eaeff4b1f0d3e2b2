/** Looks up one schedule of a function (or state machine) by id, or fails with not found. */
import { notFound } from "@/lib/errors";
import type { ServiceContext } from "@/lib/services/context";
import { resolveOwner, type ScheduleOwner } from "@/lib/services/schedules/owner";
import type { ScheduleRecord } from "@/lib/services/schedules/record";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function getScheduleOrThrow(
  ctx: ServiceContext,
  owner: ScheduleOwner,
  id: string,
): Promise<ScheduleRecord> {
  const { columns, label } = await resolveOwner(ctx, owner);
  const row = UUID.test(id) ? await ctx.db.schedule.findFirst({ where: { id, ...columns } }) : null;
  if (!row) throw notFound(`Schedule ${id.slice(0, 64)} not found for ${label}`);
  return row;
}
