/**
 * Schedules of a function: create, update (incl. enable/disable), delete, list, preview and
 * the history of fires. Expressions are EventBridge's (lib/scheduler/expression.ts); the same
 * code computes the preview here and the fire times in the runner. The Scheduler API finds
 * schedules by group and name (find, list-group) and reads the one group (get-group, list-groups).
 */
export type { ScheduleRecord } from "@/lib/services/schedules/record";
export { DEFAULT_GROUP } from "@/lib/services/schedules/record";
export type { CreateScheduleInput, UpdateScheduleInput } from "@/lib/services/schedules/schemas";
export { checkExpression, previewSchedule } from "@/lib/services/schedules/check";
export { listSchedules } from "@/lib/services/schedules/list";
export { createSchedule } from "@/lib/services/schedules/create";
export { updateSchedule } from "@/lib/services/schedules/update";
export { deleteSchedule } from "@/lib/services/schedules/delete";
export { getScheduleOrThrow } from "@/lib/services/schedules/get";
export { listScheduleFires } from "@/lib/services/schedules/fires";
export { findScheduleOrThrow, type TargetedSchedule } from "@/lib/services/schedules/find";
export { listGroupSchedules, type ScheduleListFilter } from "@/lib/services/schedules/list-group";
export { getScheduleGroup, type ScheduleGroupRecord } from "@/lib/services/schedules/get-group";
export { listScheduleGroups } from "@/lib/services/schedules/list-groups";
export { createScheduleGroup } from "@/lib/services/schedules/create-group";
export { deleteScheduleGroup } from "@/lib/services/schedules/delete-group";
