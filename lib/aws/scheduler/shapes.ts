/** Scheduler API answers built from schedule records: ARNs, GetSchedule, the list summaries, groups. */
import { type ShapeContext, targetArn } from "@/lib/aws/shapes";
import { scheduleArn as arnOf } from "@/lib/scheduler/delivery";
import type { ScheduleGroupRecord, TargetedSchedule } from "@/lib/services/schedules";

/** The Scheduler API's timestamps: epoch seconds (restJson1's default), with milliseconds. */
export const epochSeconds = (d: Date) => d.getTime() / 1000;

export function scheduleArn(shape: ShapeContext, groupName: string, name: string): string {
  return arnOf(shape.region, shape.accountId, groupName, name);
}

export function scheduleGroupArn(shape: ShapeContext, name: string): string {
  return `arn:aws:scheduler:${shape.region}:${shape.accountId}:schedule-group/${name}`;
}

/** Made in the console, a schedule has no RoleArn; GetSchedule still names one, as Lambda's Role does. */
const defaultRole = (shape: ShapeContext) => `arn:aws:iam::${shape.accountId}:role/nimbus-scheduler-role`;

export function toGetScheduleOutput(shape: ShapeContext, t: TargetedSchedule) {
  const s = t.schedule;
  return {
    Arn: scheduleArn(shape, s.groupName, s.name),
    GroupName: s.groupName,
    Name: s.name,
    ScheduleExpression: s.expression,
    ScheduleExpressionTimezone: s.timeZone,
    ...(s.description ? { Description: s.description } : {}),
    ...(s.startDate ? { StartDate: epochSeconds(s.startDate) } : {}),
    ...(s.endDate ? { EndDate: epochSeconds(s.endDate) } : {}),
    State: s.enabled ? "ENABLED" : "DISABLED",
    CreationDate: epochSeconds(s.createdAt),
    LastModificationDate: epochSeconds(s.updatedAt),
    ...(s.kmsKeyArn ? { KmsKeyArn: s.kmsKeyArn } : {}),
    Target: {
      Arn: targetArn(shape, t, s.qualifier),
      RoleArn: s.roleArn ?? defaultRole(shape),
      ...(s.input !== null ? { Input: s.input } : {}),
      RetryPolicy: {
        MaximumEventAgeInSeconds: s.maximumEventAgeSeconds,
        MaximumRetryAttempts: s.maximumRetryAttempts,
      },
      ...(s.deadLetterArn ? { DeadLetterConfig: { Arn: s.deadLetterArn } } : {}),
    },
    FlexibleTimeWindow:
      s.flexibleWindowMinutes === null
        ? { Mode: "OFF" }
        : { Mode: "FLEXIBLE", MaximumWindowInMinutes: s.flexibleWindowMinutes },
    ActionAfterCompletion: s.actionAfterCompletion,
  };
}

export function toScheduleSummary(shape: ShapeContext, t: TargetedSchedule) {
  const s = t.schedule;
  return {
    Arn: scheduleArn(shape, s.groupName, s.name),
    Name: s.name,
    GroupName: s.groupName,
    State: s.enabled ? "ENABLED" : "DISABLED",
    CreationDate: epochSeconds(s.createdAt),
    LastModificationDate: epochSeconds(s.updatedAt),
    Target: { Arn: targetArn(shape, t, s.qualifier) },
  };
}

export function toScheduleGroup(shape: ShapeContext, g: ScheduleGroupRecord) {
  return {
    Arn: scheduleGroupArn(shape, g.name),
    Name: g.name,
    State: "ACTIVE",
    CreationDate: epochSeconds(g.createdAt),
    LastModificationDate: epochSeconds(g.updatedAt),
  };
}
