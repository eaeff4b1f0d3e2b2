/**
 * Request bodies and queries of the Scheduler API (REST-JSON, as @aws-sdk/client-scheduler
 * sends them), parsed into the schedules service's terms. Timestamps arrive as epoch seconds.
 * Create and Update carry the whole schedule: UpdateSchedule replaces every field, and what it
 * leaves out returns to its default, as on AWS. A malformed field is a ValidationException
 * naming it by its wire name; the service then checks values (ranges, patterns, expressions).
 */
import type { ScheduleOwner } from "@/lib/services/schedules/owner";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { parseWire } from "@/lib/aws/lambda/wire";
import type { ShapeContext } from "@/lib/aws/shapes";
import { parseTargetArn } from "@/lib/aws/scheduler/target";
import { DEFAULT_GROUP } from "@/lib/services/schedules";

/** What a schedule gets when CreateSchedule or UpdateSchedule leaves RetryPolicy out (AWS's defaults). */
export const DEFAULT_RETRY = { maximumEventAgeSeconds: 86400, maximumRetryAttempts: 185 };

const str = z.string({ error: (i) => (i.input === undefined ? "is required" : "must be a string") });
const int = z.number({ error: "must be a number" }).int({ error: "must be a whole number" });
const opt = <T extends z.ZodType>(t: T) => t.nullish().transform((v) => v ?? undefined);
const instant = z
  .union([z.number().finite(), z.iso.datetime({ offset: true })], { error: "must be a timestamp" })
  .transform((v) => new Date(typeof v === "number" ? Math.round(v * 1000) : v));

const FlexibleTimeWindow = z
  .object(
    { Mode: z.enum(["OFF", "FLEXIBLE"], { error: "Mode must be OFF or FLEXIBLE" }), MaximumWindowInMinutes: opt(int) },
    { error: "is required: {Mode: OFF} or {Mode: FLEXIBLE, MaximumWindowInMinutes}" },
  )
  .loose()
  .transform((w, ctx) => {
    if (w.Mode === "FLEXIBLE" && w.MaximumWindowInMinutes === undefined)
      ctx.addIssue({ code: "custom", message: "is required when Mode is FLEXIBLE", path: ["MaximumWindowInMinutes"] });
    if (w.Mode === "OFF" && w.MaximumWindowInMinutes !== undefined)
      ctx.addIssue({ code: "custom", message: "must not be set when Mode is OFF", path: ["MaximumWindowInMinutes"] });
    return w.Mode === "FLEXIBLE" ? (w.MaximumWindowInMinutes ?? null) : null;
  });

const OTHER_TARGETS = [
  "EcsParameters",
  "EventBridgeParameters",
  "KinesisParameters",
  "SageMakerPipelineParameters",
  "SqsParameters",
] as const;

const Target = z
  .object(
    {
      Arn: str,
      RoleArn: str,
      Input: opt(str),
      RetryPolicy: opt(
        z.object(
          { MaximumEventAgeInSeconds: opt(int), MaximumRetryAttempts: opt(int) },
          { error: "must be an object" },
        ),
      ),
      DeadLetterConfig: opt(z.object({ Arn: opt(str) }, { error: "must be an object" })),
    },
    { error: "is required: {Arn, RoleArn, …}" },
  )
  .loose()
  .superRefine((t, ctx) => {
    for (const k of OTHER_TARGETS)
      if ((t as Record<string, unknown>)[k] != null)
        ctx.addIssue({ code: "custom", message: "is for other targets; Nimbus targets Lambda functions", path: [k] });
  });

const ScheduleBody = z
  .object({
    ScheduleExpression: str,
    ScheduleExpressionTimezone: opt(str),
    GroupName: opt(str),
    StartDate: opt(instant),
    EndDate: opt(instant),
    Description: opt(str),
    State: opt(z.enum(["ENABLED", "DISABLED"], { error: "must be ENABLED or DISABLED" })),
    KmsKeyArn: opt(str),
    ClientToken: opt(str),
    ActionAfterCompletion: opt(z.enum(["NONE", "DELETE"], { error: "must be NONE or DELETE" })),
    FlexibleTimeWindow,
    Target,
  })
  .loose();

/** A whole schedule from a CreateSchedule or UpdateSchedule body: its target and the service's fields. */
export function parseScheduleBody(raw: Buffer, shape: ShapeContext) {
  const b = parseWire(ScheduleBody, raw);
  const target = parseTargetArn(b.Target.Arn, shape);
  const qualifier = "functionName" in target ? target.qualifier : null;
  const fields = {
    expression: b.ScheduleExpression,
    timeZone: b.ScheduleExpressionTimezone ?? "UTC",
    enabled: b.State !== "DISABLED",
    description: b.Description ?? "",
    input: b.Target.Input ?? null,
    maximumEventAgeSeconds: b.Target.RetryPolicy?.MaximumEventAgeInSeconds ?? DEFAULT_RETRY.maximumEventAgeSeconds,
    maximumRetryAttempts: b.Target.RetryPolicy?.MaximumRetryAttempts ?? DEFAULT_RETRY.maximumRetryAttempts,
    qualifier,
    flexibleWindowMinutes: b.FlexibleTimeWindow,
    startDate: b.StartDate ?? null,
    endDate: b.EndDate ?? null,
    actionAfterCompletion: b.ActionAfterCompletion ?? "NONE",
    roleArn: b.Target.RoleArn,
    deadLetterArn: b.Target.DeadLetterConfig?.Arn ?? null,
    kmsKeyArn: b.KmsKeyArn ?? null,
  };
  const owner: ScheduleOwner =
    "functionName" in target ? target.functionName : { stateMachine: target.stateMachineName };
  return { owner, groupName: b.GroupName ?? DEFAULT_GROUP, clientToken: b.ClientToken ?? null, fields };
}

const NAME = /^[0-9a-zA-Z_.-]{1,64}$/;
const validation = (message: string) => new AppError("InvalidParameterValueException", message);

/** A schedule or group name from the path or the query (1–64 of [0-9a-zA-Z-_.]). */
export function checkName(value: string, what: string): string {
  if (!NAME.test(value))
    throw validation(`${what} must be 1–64 letters, digits, '.', '-' or '_'; got '${value.slice(0, 80)}'`);
  return value;
}

/** The group a GET or DELETE names in `?groupName=`; `default` when none. */
export function groupOf(query: URLSearchParams): string {
  const g = query.get("groupName");
  return g === null || g === "" ? DEFAULT_GROUP : checkName(g, "groupName");
}

/** MaxResults: 1–100; absent means 100. */
export function maxResultsOf(query: URLSearchParams): number {
  const raw = query.get("MaxResults");
  if (raw === null || raw === "") return 100;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < 1 || n > 100) throw validation("MaxResults must be a whole number between 1 and 100");
  return n;
}

/** NextToken: the last (group, name) of the previous page, base64url-encoded JSON. */
export function encodeNextToken(groupName: string, name: string): string {
  return Buffer.from(JSON.stringify([groupName, name])).toString("base64url");
}

export function decodeNextToken(token: string | null): { groupName: string; name: string } | undefined {
  if (token === null || token === "") return undefined;
  try {
    const v: unknown = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === "string" && typeof v[1] === "string")
      return { groupName: v[0], name: v[1] };
  } catch {
    // falls through to the error below
  }
  throw validation("NextToken is not valid: pass the NextToken of the previous response");
}
