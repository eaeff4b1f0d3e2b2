/** Validation for schedules: field rules, the create and update inputs, and their messages. */
import { z } from "zod";
import { isJsonText } from "@/lib/services/validate";

export const scheduleFields = {
  name: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, "Schedule name must be 1–64 letters, digits, '.', '-' or '_'"),
  expression: z.string().max(256),
  timeZone: z.string().max(64),
  enabled: z.boolean(),
  description: z.string().max(512, "Description must be at most 512 characters"),
  input: z
    .string()
    .max(256 * 1024, "Input must be at most 256 KB")
    .refine(isJsonText, "Input must be valid JSON")
    .nullable(),
  maximumEventAgeSeconds: z
    .number()
    .int()
    .min(60, "Maximum event age must be between 60 and 86400 seconds")
    .max(86400, "Maximum event age must be between 60 and 86400 seconds"),
};

export const createScheduleInput = z.object({
  ...scheduleFields,
  timeZone: scheduleFields.timeZone.default("UTC"),
  enabled: scheduleFields.enabled.default(true),
  description: scheduleFields.description.default(""),
  input: scheduleFields.input.default(null),
  maximumEventAgeSeconds: scheduleFields.maximumEventAgeSeconds.default(3600),
});
export type CreateScheduleInput = z.input<typeof createScheduleInput>;

export const updateScheduleInput = z.object(scheduleFields).partial();
export type UpdateScheduleInput = z.input<typeof updateScheduleInput>;
