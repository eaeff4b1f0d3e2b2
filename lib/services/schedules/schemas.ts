/** Validation for schedules: field rules, the create and update inputs, and their messages. */
import { z } from "zod";
import { isJsonText } from "@/lib/services/validate";
import { DEFAULT_GROUP } from "@/lib/services/schedules/record";

const between = (what: string, min: number, max: number, unit = "") =>
  `${what} must be between ${min} and ${max}${unit}`;
const arn = (what: string, pattern: RegExp, example: string) =>
  z
    .string()
    .max(1600, `${what} must be at most 1600 characters`)
    .regex(pattern, `${what} must look like ${example}`)
    .nullable();
/** A Date, or an ISO 8601 date-time with a zone (as the console's JSON sends it). */
const instant = z
  .union([z.date(), z.iso.datetime({ offset: true })], { error: "must be a date-time (ISO 8601, with a zone)" })
  .transform((v) => new Date(v));

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
    .min(60, between("Maximum event age", 60, 86400, " seconds"))
    .max(86400, between("Maximum event age", 60, 86400, " seconds")),
  /** A published version, an alias, or $LATEST; null: the unqualified function. */
  qualifier: z
    .string()
    .regex(/^(\$LATEST|[A-Za-z0-9_-]{1,128})$/, "Qualifier must be $LATEST, a version number or an alias name")
    .nullable(),
  maximumRetryAttempts: z
    .number()
    .int()
    .min(0, between("Maximum retry attempts", 0, 185))
    .max(185, between("Maximum retry attempts", 0, 185)),
  flexibleWindowMinutes: z
    .number()
    .int()
    .min(1, between("The flexible time window", 1, 1440, " minutes"))
    .max(1440, between("The flexible time window", 1, 1440, " minutes"))
    .nullable(),
  startDate: instant.nullable(),
  endDate: instant.nullable(),
  actionAfterCompletion: z.enum(["NONE", "DELETE"], { error: "Action after completion must be NONE or DELETE" }),
  roleArn: arn("Role ARN", /^arn:aws(-[a-z]+)?:iam::\d{12}:role\/[\w+=,.@/-]+$/, "arn:aws:iam::123456789012:role/name"),
  deadLetterArn: arn(
    "Dead-letter queue ARN",
    /^arn:aws(-[a-z]+)?:sqs:[a-z0-9-]+:\d{12}:[a-zA-Z0-9_-]+$/,
    "arn:aws:sqs:us-east-1:123456789012:queue",
  ),
  kmsKeyArn: arn(
    "KMS key ARN",
    /^arn:aws(-[a-z]+)?:kms:[a-z0-9-]+:\d{12}:(key|alias)\/[0-9a-zA-Z_-]*$/,
    "arn:aws:kms:us-east-1:123456789012:key/id",
  ),
};

export const createScheduleInput = z.object({
  ...scheduleFields,
  groupName: z
    .string()
    .regex(/^[0-9a-zA-Z_.-]{1,64}$/, "Group name must be 1–64 letters, digits, '.', '-' or '_'")
    .default(DEFAULT_GROUP),
  timeZone: scheduleFields.timeZone.default("UTC"),
  enabled: scheduleFields.enabled.default(true),
  description: scheduleFields.description.default(""),
  input: scheduleFields.input.default(null),
  maximumEventAgeSeconds: scheduleFields.maximumEventAgeSeconds.default(3600),
  qualifier: scheduleFields.qualifier.default(null),
  maximumRetryAttempts: scheduleFields.maximumRetryAttempts.default(185),
  flexibleWindowMinutes: scheduleFields.flexibleWindowMinutes.default(null),
  startDate: scheduleFields.startDate.default(null),
  endDate: scheduleFields.endDate.default(null),
  actionAfterCompletion: scheduleFields.actionAfterCompletion.default("NONE"),
  roleArn: scheduleFields.roleArn.default(null),
  deadLetterArn: scheduleFields.deadLetterArn.default(null),
  kmsKeyArn: scheduleFields.kmsKeyArn.default(null),
  /** The same token again returns the schedule it made instead of a conflict (idempotent create). */
  clientToken: z
    .string()
    .regex(/^[a-zA-Z0-9_-]{1,64}$/, "Client token must be 1–64 letters, digits, '-' or '_'")
    .nullable()
    .default(null),
});
export type CreateScheduleInput = z.input<typeof createScheduleInput>;

export const updateScheduleInput = z
  .object({
    ...scheduleFields,
    /** Moves the schedule to another function or a state machine (UpdateSchedule with a new Target.Arn). */
    functionName: z.string().max(64),
    stateMachineName: z.string().max(80),
  })
  .partial();
export type UpdateScheduleInput = z.input<typeof updateScheduleInput>;
