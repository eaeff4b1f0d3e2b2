/** Looks up one schedule of a function (or state machine) by id, or fails with not found. */
import { notFound } from "@/lib/errors";
import type { ServiceContext } from "@/lib/services/context";
import { type ResolvedOwner, resolveOwner, type ScheduleOwner } from "@/lib/services/schedules/owner";
import type { ScheduleRecord } from "@/lib/services/schedules/record";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function getScheduleOrThrow(
  ctx: ServiceContext,
  owner: ScheduleOwner,
  id: string,
): Promise<ScheduleRecord> {
  return (await getOwnedScheduleOrThrow(ctx, owner, id)).schedule;
}

/** The schedule and its resolved owner (for the verbs that also name it in an audit entry). */
export async function getOwnedScheduleOrThrow(
  ctx: ServiceContext,
  owner: ScheduleOwner,
  id: string,
): Promise<{ schedule: ScheduleRecord; owner: ResolvedOwner }> {
  const resolved = await resolveOwner(ctx, owner);
  const row = UUID.test(id) ? await ctx.db.schedule.findFirst({ where: { id, ...resolved.columns } }) : null;
  if (!row) throw notFound(`Schedule ${id.slice(0, 64)} not found for ${resolved.label}`);
  return { schedule: row, owner: resolved };
}
