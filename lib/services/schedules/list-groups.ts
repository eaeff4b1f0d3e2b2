/** Lists schedule groups: `default`, when it matches the prefix (see get-group.ts). */
import type { ServiceContext } from "@/lib/services/context";
import { getScheduleGroup, type ScheduleGroupRecord } from "@/lib/services/schedules/get-group";
import { DEFAULT_GROUP } from "@/lib/services/schedules/record";

export async function listScheduleGroups(
  ctx: ServiceContext,
  filter: { namePrefix?: string } = {},
): Promise<ScheduleGroupRecord[]> {
  if (filter.namePrefix && !DEFAULT_GROUP.startsWith(filter.namePrefix)) return [];
  return [await getScheduleGroup(ctx, DEFAULT_GROUP)];
}
