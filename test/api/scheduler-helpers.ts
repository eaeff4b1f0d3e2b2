/** Shared by the Scheduler API tests: an SDK client for a test server, and a schedule's required fields. */
import { SchedulerClient, type CreateScheduleCommandInput } from "@aws-sdk/client-scheduler";
import { TEST_CREDENTIALS } from "@/test/server";

export const ACCOUNT = "000000000000";
export const ROLE = `arn:aws:iam::${ACCOUNT}:role/scheduler`;
export const fnArn = (name: string, qualifier?: string) =>
  `arn:aws:lambda:us-east-1:${ACCOUNT}:function:${name}${qualifier ? `:${qualifier}` : ""}`;

export function schedulerClient(url: string): SchedulerClient {
  return new SchedulerClient({ endpoint: url, region: "us-east-1", credentials: TEST_CREDENTIALS, maxAttempts: 1 });
}

/** The fields CreateSchedule requires, for a schedule of `functionName`. */
export function scheduleInput(
  name: string,
  functionName: string,
  extra: Partial<CreateScheduleCommandInput> = {},
): CreateScheduleCommandInput {
  return {
    Name: name,
    ScheduleExpression: "rate(5 minutes)",
    FlexibleTimeWindow: { Mode: "OFF" },
    Target: { Arn: fnArn(functionName), RoleArn: ROLE },
    ...extra,
  };
}

/** at() in UTC, `s` seconds from now. */
export const atIn = (s: number) => `at(${new Date(Date.now() + s * 1000).toISOString().slice(0, 19)})`;
