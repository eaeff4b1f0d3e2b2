/**
 * Schedules of a function: create, update (incl. enable/disable), delete, list, preview and
 * the history of fires. Expressions are EventBridge's (lib/scheduler/expression.ts); the same
 * code computes the preview here and the fire times in the runner.
 */
export type { ScheduleRecord } from "@/lib/services/schedules/record";
export type { CreateScheduleInput, UpdateScheduleInput } from "@/lib/services/schedules/schemas";
export { checkExpression, previewSchedule } from "@/lib/services/schedules/check";
export { listSchedules } from "@/lib/services/schedules/list";
export { createSchedule } from "@/lib/services/schedules/create";
export { updateSchedule } from "@/lib/services/schedules/update";
export { deleteSchedule } from "@/lib/services/schedules/delete";
export { getScheduleOrThrow } from "@/lib/services/schedules/get";
export { listScheduleFires } from "@/lib/services/schedules/fires";
