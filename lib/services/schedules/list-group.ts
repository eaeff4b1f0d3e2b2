/**
 * Lists schedules across functions, as the Scheduler API does: by group and name, filtered by
 * group, name prefix and state, a page at a time. The cursor (`next`, then `after`) is the
 * last (group, name) of a page.
 */
import type { ServiceContext } from "@/lib/services/context";
import { assertScheduleGroup } from "@/lib/services/schedules/get-group";
import { type TargetedSchedule, targeted, targetNames } from "@/lib/services/schedules/find";

export interface ScheduleListFilter {
  groupName?: string;
  namePrefix?: string;
  enabled?: boolean;
  /** The last schedule of the previous page. */
  after?: { groupName: string; name: string };
  limit: number;
}

export async function listGroupSchedules(
  ctx: ServiceContext,
  f: ScheduleListFilter,
): Promise<{ items: TargetedSchedule[]; next: { groupName: string; name: string } | null }> {
  if (f.groupName !== undefined) assertScheduleGroup(f.groupName);
  const rows = await ctx.db.schedule.findMany({
    where: {
      ...(f.groupName !== undefined ? { groupName: f.groupName } : {}),
      ...(f.enabled !== undefined ? { enabled: f.enabled } : {}),
      // Prisma passes LIKE's wildcards through: '_' (allowed in names) must match only itself.
      ...(f.namePrefix ? { name: { startsWith: f.namePrefix.replace(/[\\%_]/g, "\\$&") } } : {}),
      ...(f.after
        ? {
            OR: [
              { groupName: { gt: f.after.groupName } },
              { groupName: f.after.groupName, name: { gt: f.after.name } },
            ],
          }
        : {}),
    },
    orderBy: [{ groupName: "asc" }, { name: "asc" }],
    take: f.limit + 1,
  });
  const page = rows.slice(0, f.limit);
  const names = await targetNames(ctx, page);
  const items = page.flatMap((schedule) => targeted(schedule, names.functions, names.machines) ?? []);
  const last = page.at(-1);
  return { items, next: rows.length > f.limit && last ? { groupName: last.groupName, name: last.name } : null };
}
