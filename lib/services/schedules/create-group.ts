/** CreateScheduleGroup: Nimbus keeps the one group, `default`, so a new one is over the quota. */
import { AppError, conflict } from "@/lib/errors";
import { DEFAULT_GROUP } from "@/lib/services/schedules/record";

export function createScheduleGroup(name: string): never {
  if (name === DEFAULT_GROUP) throw conflict(`Schedule group ${DEFAULT_GROUP} already exists.`);
  throw new AppError(
    "ServiceQuotaExceededException",
    `Nimbus keeps one schedule group, ${DEFAULT_GROUP}: create schedules in it (leave GroupName out).`,
  );
}
