/**
 * The AWS CLI v2 (/usr/bin/aws, unmodified, --endpoint-url) manages schedules against Nimbus:
 * create-schedule, get-schedule, list-schedules, update-schedule, the default group,
 * delete-schedule, and an error in AWS's terms.
 */
import { describe, expect, it } from "vitest";
import { deployFunction, testServer, uniqueName } from "@/test/server";
import { awsCli } from "@/test/aws-cli";
import { fnArn, ROLE } from "@/test/api/scheduler-helpers";

const t = testServer();
const { aws, fails } = awsCli(() => t.srv.url, "scheduler");

describe("aws scheduler", () => {
  it("creates, reads, lists, updates and deletes a schedule", async () => {
    const fn = await deployFunction(t.lambda, `export const handler = async (e) => e;`, { prefix: "cli-sched" });
    const name = uniqueName("cli");
    const target = JSON.stringify({
      Arn: fnArn(fn),
      RoleArn: ROLE,
      Input: '{"from":"cli"}',
      RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 300 },
    });
    const created = await aws(
      "create-schedule",
      ...["--name", name, "--schedule-expression", "rate(10 minutes)", "--target", target],
      ...["--flexible-time-window", "Mode=FLEXIBLE,MaximumWindowInMinutes=5", "--description", "from the CLI"],
    );
    expect(created).toEqual({ ScheduleArn: `arn:aws:scheduler:us-east-1:000000000000:schedule/default/${name}` });

    const got = await aws("get-schedule", "--name", name);
    expect(got).toMatchObject({
      Name: name,
      GroupName: "default",
      ScheduleExpression: "rate(10 minutes)",
      Description: "from the CLI",
      State: "ENABLED",
      FlexibleTimeWindow: { Mode: "FLEXIBLE", MaximumWindowInMinutes: 5 },
      Target: {
        Arn: fnArn(fn),
        RoleArn: ROLE,
        Input: '{"from":"cli"}',
        RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 300 },
      },
    });
    // The CLI prints the epoch-seconds timestamps as ISO 8601.
    expect(new Date(got!.CreationDate as string).getTime()).toBeGreaterThan(Date.now() - 60_000);

    const listed = await aws("list-schedules", "--name-prefix", name);
    expect(listed).toEqual({
      Schedules: [
        expect.objectContaining({ Name: name, GroupName: "default", State: "ENABLED", Target: { Arn: fnArn(fn) } }),
      ],
    });

    await aws(
      "update-schedule",
      ...["--name", name, "--schedule-expression", "cron(0 12 * * ? *)", "--state", "DISABLED"],
      ...["--target", JSON.stringify({ Arn: fnArn(fn), RoleArn: ROLE }), "--flexible-time-window", "Mode=OFF"],
    );
    expect(await aws("get-schedule", "--name", name, "--group-name", "default")).toMatchObject({
      ScheduleExpression: "cron(0 12 * * ? *)",
      State: "DISABLED",
      FlexibleTimeWindow: { Mode: "OFF" },
    });
    expect(await aws("list-schedules", "--name-prefix", name, "--state", "ENABLED")).toEqual({ Schedules: [] });
    expect(await aws("get-schedule-group", "--name", "default")).toMatchObject({ Name: "default", State: "ACTIVE" });

    expect(await aws("delete-schedule", "--name", name)).toBeNull();
    expect(await fails("get-schedule", "--name", name)).toMatch(/ResourceNotFoundException.*does not exist/);
    expect(
      await fails(
        "create-schedule",
        ...["--name", name, "--schedule-expression", "rate(10 minute)", "--target", target],
        ...["--flexible-time-window", "Mode=OFF"],
      ),
    ).toMatch(/ValidationException.*rate\(10 minutes\)/);
  });
});
