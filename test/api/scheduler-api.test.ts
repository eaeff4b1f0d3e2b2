/**
 * The EventBridge Scheduler API through the unmodified @aws-sdk/client-scheduler: CRUD with every
 * field, listing with filters and pages, the one schedule group, and errors with AWS's names.
 */
import { describe, expect, it } from "vitest";
import { PublishVersionCommand } from "@aws-sdk/client-lambda";
import {
  CreateScheduleCommand,
  CreateScheduleGroupCommand,
  DeleteScheduleCommand,
  DeleteScheduleGroupCommand,
  GetScheduleCommand,
  GetScheduleGroupCommand,
  ListScheduleGroupsCommand,
  ListSchedulesCommand,
  ListTagsForResourceCommand,
  UpdateScheduleCommand,
  paginateListSchedules,
} from "@aws-sdk/client-scheduler";
import { deployFunction, signedFetch, testServer, uniqueName } from "@/test/server";
import { ACCOUNT, fnArn, ROLE, schedulerClient, scheduleInput } from "@/test/api/scheduler-helpers";
import * as schedules from "@/lib/services/schedules";

const t = testServer();
const client = () => schedulerClient(t.srv.url);
const SOURCE = `export const handler = async (e) => e;`;

/** The error the SDK throws for a command: its name, status and message. */
async function failure(p: Promise<unknown>) {
  const err = (await p.then(
    () => null,
    (e: unknown) => e,
  )) as { name: string; message: string; $metadata?: { httpStatusCode?: number } } | null;
  expect(err, "the call should fail").not.toBeNull();
  return { name: err!.name, status: err!.$metadata?.httpStatusCode, message: err!.message };
}

describe("the Scheduler API", () => {
  it("creates, reads, replaces, lists and deletes a schedule with every field", async () => {
    const fn = await deployFunction(t.lambda, SOURCE, { prefix: "sch-crud" });
    await t.lambda.send(new PublishVersionCommand({ FunctionName: fn }));
    const name = uniqueName("crud");
    const start = new Date(Math.ceil(Date.now() / 1000) * 1000 + 3600_000);
    const end = new Date(start.getTime() + 86400_000);
    const created = await client().send(
      new CreateScheduleCommand({
        Name: name,
        ScheduleExpression: "cron(0 8 ? * MON-FRI *)",
        ScheduleExpressionTimezone: "Europe/Berlin",
        Description: "weekday mornings",
        StartDate: start,
        EndDate: end,
        State: "DISABLED",
        KmsKeyArn: `arn:aws:kms:us-east-1:${ACCOUNT}:key/abc-123`,
        FlexibleTimeWindow: { Mode: "FLEXIBLE", MaximumWindowInMinutes: 15 },
        Target: {
          Arn: fnArn(fn, "1"),
          RoleArn: ROLE,
          Input: '{"report":"daily"}',
          RetryPolicy: { MaximumRetryAttempts: 4, MaximumEventAgeInSeconds: 600 },
          DeadLetterConfig: { Arn: `arn:aws:sqs:us-east-1:${ACCOUNT}:dlq` },
        },
        ActionAfterCompletion: "NONE",
      }),
    );
    expect(created.ScheduleArn).toBe(`arn:aws:scheduler:us-east-1:${ACCOUNT}:schedule/default/${name}`);

    const got = await client().send(new GetScheduleCommand({ Name: name }));
    expect(got).toMatchObject({
      Arn: created.ScheduleArn,
      GroupName: "default",
      Name: name,
      ScheduleExpression: "cron(0 8 ? * MON-FRI *)",
      ScheduleExpressionTimezone: "Europe/Berlin",
      Description: "weekday mornings",
      StartDate: start,
      EndDate: end,
      State: "DISABLED",
      KmsKeyArn: `arn:aws:kms:us-east-1:${ACCOUNT}:key/abc-123`,
      FlexibleTimeWindow: { Mode: "FLEXIBLE", MaximumWindowInMinutes: 15 },
      Target: {
        Arn: fnArn(fn, "1"),
        RoleArn: ROLE,
        Input: '{"report":"daily"}',
        RetryPolicy: { MaximumRetryAttempts: 4, MaximumEventAgeInSeconds: 600 },
        DeadLetterConfig: { Arn: `arn:aws:sqs:us-east-1:${ACCOUNT}:dlq` },
      },
      ActionAfterCompletion: "NONE",
    });
    expect(got.CreationDate).toBeInstanceOf(Date);
    expect(Math.abs(got.CreationDate!.getTime() - Date.now())).toBeLessThan(60_000);

    // UpdateSchedule replaces the whole schedule: what it leaves out returns to the default.
    const updated = await client().send(
      new UpdateScheduleCommand(
        scheduleInput(name, fn, { ScheduleExpression: "rate(1 hour)", GroupName: "default" }) as never,
      ),
    );
    expect(updated.ScheduleArn).toBe(created.ScheduleArn);
    const replaced = await client().send(new GetScheduleCommand({ Name: name, GroupName: "default" }));
    expect(replaced).toMatchObject({
      ScheduleExpression: "rate(1 hour)",
      ScheduleExpressionTimezone: "UTC",
      State: "ENABLED",
      FlexibleTimeWindow: { Mode: "OFF" },
      Target: {
        Arn: fnArn(fn),
        RoleArn: ROLE,
        RetryPolicy: { MaximumRetryAttempts: 185, MaximumEventAgeInSeconds: 86400 },
      },
      ActionAfterCompletion: "NONE",
    });
    for (const gone of ["Description", "StartDate", "EndDate", "KmsKeyArn"] as const)
      expect(replaced[gone]).toBeUndefined();
    expect(replaced.Target?.Input).toBeUndefined();
    expect(replaced.Target?.DeadLetterConfig).toBeUndefined();
    expect(replaced.LastModificationDate!.getTime()).toBeGreaterThanOrEqual(got.LastModificationDate!.getTime());

    await client().send(new DeleteScheduleCommand({ Name: name }));
    expect(await failure(client().send(new GetScheduleCommand({ Name: name })))).toMatchObject({
      name: "ResourceNotFoundException",
      status: 404,
      message: `Schedule ${name} does not exist.`,
    });
    expect(await failure(client().send(new DeleteScheduleCommand({ Name: name })))).toMatchObject({
      name: "ResourceNotFoundException",
    });
  });

  it("lists schedules by name prefix, group and state, a page at a time", async () => {
    const fn = await deployFunction(t.lambda, SOURCE, { prefix: "sch-list" });
    const prefix = uniqueName("lst").replaceAll("-", "_");
    for (const [suffix, state] of [
      ["a", "ENABLED"],
      ["b", "DISABLED"],
      ["c", "ENABLED"],
    ] as const)
      await client().send(new CreateScheduleCommand(scheduleInput(`${prefix}.${suffix}`, fn, { State: state })));
    // `_` is a LIKE wildcard: the prefix must match it literally, not this decoy.
    await client().send(new CreateScheduleCommand(scheduleInput(`${prefix.replaceAll("_", "X")}.z`, fn)));
    const all = await client().send(new ListSchedulesCommand({ NamePrefix: prefix, GroupName: "default" }));
    expect(all.Schedules!.map((s) => s.Name)).toEqual([`${prefix}.a`, `${prefix}.b`, `${prefix}.c`]);
    expect(all.Schedules![0]).toMatchObject({
      Arn: `arn:aws:scheduler:us-east-1:${ACCOUNT}:schedule/default/${prefix}.a`,
      GroupName: "default",
      State: "ENABLED",
      Target: { Arn: fnArn(fn) },
      CreationDate: expect.any(Date),
      LastModificationDate: expect.any(Date),
    });
    expect(all.NextToken).toBeUndefined();
    const enabled = await client().send(new ListSchedulesCommand({ NamePrefix: prefix, State: "ENABLED" }));
    expect(enabled.Schedules!.map((s) => s.Name)).toEqual([`${prefix}.a`, `${prefix}.c`]);
    const pages: string[][] = [];
    for await (const page of paginateListSchedules({ client: client(), pageSize: 2 }, { NamePrefix: prefix }))
      pages.push(page.Schedules!.map((s) => s.Name!));
    expect(pages).toEqual([[`${prefix}.a`, `${prefix}.b`], [`${prefix}.c`]]);
    expect(await failure(client().send(new ListSchedulesCommand({ GroupName: "nope" })))).toMatchObject({
      name: "ResourceNotFoundException",
    });
    expect(await failure(client().send(new ListSchedulesCommand({ MaxResults: 101 })))).toMatchObject({
      name: "ValidationException",
    });
    expect(await failure(client().send(new ListSchedulesCommand({ NextToken: "garbage!" })))).toMatchObject({
      name: "ValidationException",
    });
  });

  it("answers invalid input with ValidationException, and names what is wrong", async () => {
    const fn = await deployFunction(t.lambda, SOURCE, { prefix: "sch-bad" });
    const bad = async (extra: object, name = uniqueName("bad")) =>
      failure(client().send(new CreateScheduleCommand({ ...scheduleInput(name, fn), ...extra } as never)));
    const cases: Array<[object, RegExp]> = [
      [{ ScheduleExpression: "rate(5 minute)" }, /minutes/],
      [{ ScheduleExpression: "cron(0 8 * * MON *)" }, /field|\?/],
      [{ ScheduleExpressionTimezone: "Mars/Olympus" }, /Mars\/Olympus|time zone/i],
      [{ FlexibleTimeWindow: undefined }, /FlexibleTimeWindow/],
      [{ FlexibleTimeWindow: { Mode: "FLEXIBLE" } }, /MaximumWindowInMinutes/],
      [{ FlexibleTimeWindow: { Mode: "FLEXIBLE", MaximumWindowInMinutes: 1441 } }, /1440/],
      [{ Target: { Arn: fnArn(fn), RoleArn: "not-a-role" } }, /Role ARN/],
      [{ Target: { Arn: fnArn(fn) } }, /RoleArn/],
      [
        { Target: { Arn: `arn:aws:sqs:us-east-1:${ACCOUNT}:q`, RoleArn: ROLE } },
        /target Lambda functions and state machines/,
      ],
      [{ Target: { Arn: fnArn(fn).replace("us-east-1", "eu-west-1"), RoleArn: ROLE } }, /this server/],
      [{ Target: { Arn: fnArn(fn), RoleArn: ROLE, Input: "{not json" } }, /JSON/],
      [{ Target: { Arn: fnArn(fn), RoleArn: ROLE, RetryPolicy: { MaximumRetryAttempts: 186 } } }, /185/],
      [{ Target: { Arn: fnArn(fn), RoleArn: ROLE, SqsParameters: { MessageGroupId: "g" } } }, /SqsParameters/],
      [{ StartDate: new Date(Date.now() - 3600_000) }, /StartDate/],
      [{ EndDate: new Date(Date.now() - 1000) }, /EndDate/],
      [{ State: "PAUSED" }, /State/],
      [{ ActionAfterCompletion: "ARCHIVE" }, /ActionAfterCompletion/],
      [{ ClientToken: "has spaces" }, /Client token/],
    ];
    for (const [extra, message] of cases) {
      const e = await bad(extra);
      expect({ ...e, input: extra }).toMatchObject({ name: "ValidationException", status: 400, input: extra });
      expect(e.message, JSON.stringify(extra)).toMatch(message);
    }
    expect(await bad({}, "no spaces allowed")).toMatchObject({ name: "ValidationException" });
    expect(await bad({}, "x".repeat(65))).toMatchObject({ name: "ValidationException" });
    expect(await bad({ GroupName: "nope" })).toMatchObject({ name: "ResourceNotFoundException", status: 404 });
    expect(await bad({ Target: { Arn: fnArn(uniqueName("missing")), RoleArn: ROLE } })).toMatchObject({
      name: "ResourceNotFoundException",
    });
    // Nothing was stored by any of them.
    const left = await client().send(new ListSchedulesCommand({ NamePrefix: "bad-" }));
    expect(left.Schedules!.filter((s) => s.Target?.Arn === fnArn(fn))).toEqual([]);
  });

  it("refuses a second schedule of the same name, unless the ClientToken says it is a retry", async () => {
    const fn = await deployFunction(t.lambda, SOURCE, { prefix: "sch-dup" });
    const name = uniqueName("dup");
    const first = await client().send(new CreateScheduleCommand(scheduleInput(name, fn, { ClientToken: "tok-1" })));
    const again = await client().send(new CreateScheduleCommand(scheduleInput(name, fn, { ClientToken: "tok-1" })));
    expect(again.ScheduleArn).toBe(first.ScheduleArn);
    expect(await failure(client().send(new CreateScheduleCommand(scheduleInput(name, fn))))).toMatchObject({
      name: "ConflictException",
      status: 409,
    });
  });

  it("moves a schedule to another function when UpdateSchedule names a new target", async () => {
    const [a, b] = [
      await deployFunction(t.lambda, SOURCE, { prefix: "sch-from" }),
      await deployFunction(t.lambda, SOURCE, { prefix: "sch-to" }),
    ];
    const name = uniqueName("move");
    await client().send(new CreateScheduleCommand(scheduleInput(name, a)));
    await client().send(new UpdateScheduleCommand(scheduleInput(name, b) as never));
    expect((await client().send(new GetScheduleCommand({ Name: name }))).Target?.Arn).toBe(fnArn(b));
    const ctx = t.srv.platform.services;
    expect((await schedules.listSchedules(ctx, a)).map((s) => s.name)).toEqual([]);
    expect((await schedules.listSchedules(ctx, b)).map((s) => s.name)).toEqual([name]);
    const missing = fnArn(uniqueName("missing"));
    expect(
      await failure(
        client().send(
          new UpdateScheduleCommand({ ...scheduleInput(name, b), Target: { Arn: missing, RoleArn: ROLE } }),
        ),
      ),
    ).toMatchObject({ name: "ResourceNotFoundException" });
    expect(
      await failure(client().send(new UpdateScheduleCommand(scheduleInput(uniqueName("nothing"), b) as never))),
    ).toMatchObject({ name: "ResourceNotFoundException", message: expect.stringMatching(/does not exist/) });
  });

  it("serves the default schedule group and refuses others in AWS's terms", async () => {
    const g = await client().send(new GetScheduleGroupCommand({ Name: "default" }));
    expect(g).toMatchObject({
      Arn: `arn:aws:scheduler:us-east-1:${ACCOUNT}:schedule-group/default`,
      Name: "default",
      State: "ACTIVE",
      CreationDate: expect.any(Date),
      LastModificationDate: expect.any(Date),
    });
    expect((await client().send(new ListScheduleGroupsCommand({}))).ScheduleGroups).toEqual([
      expect.objectContaining({ Name: "default", State: "ACTIVE", Arn: g.Arn }),
    ]);
    expect((await client().send(new ListScheduleGroupsCommand({ NamePrefix: "x" }))).ScheduleGroups).toEqual([]);
    expect((await client().send(new ListTagsForResourceCommand({ ResourceArn: g.Arn }))).Tags).toEqual([]);
    expect(await failure(client().send(new CreateScheduleGroupCommand({ Name: "team-a" })))).toMatchObject({
      name: "ServiceQuotaExceededException",
      status: 402,
      message: expect.stringMatching(/one schedule group/),
    });
    expect(await failure(client().send(new CreateScheduleGroupCommand({ Name: "default" })))).toMatchObject({
      name: "ConflictException",
    });
    expect(await failure(client().send(new DeleteScheduleGroupCommand({ Name: "default" })))).toMatchObject({
      name: "ValidationException",
    });
    expect(await failure(client().send(new GetScheduleGroupCommand({ Name: "team-a" })))).toMatchObject({
      name: "ResourceNotFoundException",
    });
  });

  it("wants requests signed for the scheduler service", async () => {
    const res = await signedFetch(`${t.srv.url}/schedules`, {}, { service: "lambda" });
    expect(res.status).toBe(403);
    expect(res.headers.get("x-amzn-errortype")).toBe("InvalidSignatureException");
    expect(await res.json()).toEqual({ Message: "Credential should be scoped to correct service: 'scheduler'. " });
    const ok = await signedFetch(`${t.srv.url}/schedules?MaxResults=1`, {}, { service: "scheduler" });
    expect(ok.status).toBe(200);
    // Unsigned: answered in the Scheduler's shape, never by the console's sign-in redirect.
    const anonymous = await fetch(`${t.srv.url}/schedules?MaxResults=1`, { redirect: "manual" });
    expect(anonymous.status).toBe(403);
    expect(anonymous.headers.get("x-amzn-errortype")).toBe("MissingAuthenticationTokenException");
    expect(await anonymous.json()).toEqual({ Message: "Missing Authentication Token" });
    // And the Lambda API still wants lambda.
    const lambda = await signedFetch(`${t.srv.url}/2016-08-19/account-settings`, {}, { service: "scheduler" });
    expect(lambda.status).toBe(403);
  });
});
