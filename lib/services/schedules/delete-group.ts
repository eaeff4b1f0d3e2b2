/** DeleteScheduleGroup: the default group cannot be deleted, and there is no other. */
import { invalid } from "@/lib/errors";
import { assertScheduleGroup } from "@/lib/services/schedules/get-group";
import { DEFAULT_GROUP } from "@/lib/services/schedules/record";

export function deleteScheduleGroup(name: string): never {
  assertScheduleGroup(name);
  throw invalid(`The ${DEFAULT_GROUP} schedule group cannot be deleted.`);
}
