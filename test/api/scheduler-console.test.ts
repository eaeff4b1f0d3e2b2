/**
 * One set of schedules, two ways in: a schedule made in the console (its route handlers, as the
 * browser calls them) is visible and editable through the Scheduler API in group `default`, and
 * one made through the API shows on its function's page and is edited and deleted there.
 */
import { describe, expect, it } from "vitest";
import {
  CreateScheduleCommand,
  GetScheduleCommand,
  ListSchedulesCommand,
  UpdateScheduleCommand,
} from "@aws-sdk/client-scheduler";
import { PublishVersionCommand } from "@aws-sdk/client-lambda";
import { deployFunction, testServer, uniqueName } from "@/test/server";
import { fnArn, ROLE, schedulerClient, scheduleInput } from "@/test/api/scheduler-helpers";
import * as list from "@/app/api/functions/[name]/schedules/route";
import * as one from "@/app/api/functions/[name]/schedules/[id]/route";

const t = testServer();
const SOURCE = `export const handler = async (e) => e;`;

/** Calls a console route handler as the browser would (the sign-in gate in front has its own tests). */
async function consoleCall<P>(
  handler: (req: Request, c: { params: Promise<P> }) => Promise<Response>,
  method: string,
  params: P,
  body?: unknown,
) {
  const req = new Request("http://localhost/api/x", {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const res = await handler(req, { params: Promise.resolve(params) });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

describe("schedules in the console and the Scheduler API", () => {
  it("made in the console: read, listed and replaced through the API", async () => {
    const fn = await deployFunction(t.lambda, SOURCE, { prefix: "sch-console" });
    const name = uniqueName("from-console");
    const made = await consoleCall(
      list.POST,
      "POST",
      { name: fn },
      {
        name,
        expression: "cron(30 6 * * ? *)",
        timeZone: "Europe/Paris",
        description: "made in the console",
        input: '{"a":1}',
        maximumEventAgeSeconds: 600,
      },
    );
    expect(made.status).toBe(200);
    const client = schedulerClient(t.srv.url);
    expect(await client.send(new GetScheduleCommand({ Name: name }))).toMatchObject({
      GroupName: "default",
      ScheduleExpression: "cron(30 6 * * ? *)",
      ScheduleExpressionTimezone: "Europe/Paris",
      Description: "made in the console",
      State: "ENABLED",
      FlexibleTimeWindow: { Mode: "OFF" },
      ActionAfterCompletion: "NONE",
      Target: {
        Arn: fnArn(fn),
        RoleArn: "arn:aws:iam::000000000000:role/nimbus-scheduler-role",
        Input: '{"a":1}',
        RetryPolicy: { MaximumEventAgeInSeconds: 600, MaximumRetryAttempts: 185 },
      },
    });
    const listed = await client.send(new ListSchedulesCommand({ NamePrefix: name }));
    expect(listed.Schedules).toEqual([expect.objectContaining({ Name: name, Target: { Arn: fnArn(fn) } })]);
    await client.send(
      new UpdateScheduleCommand({ ...scheduleInput(name, fn), State: "DISABLED", ScheduleExpression: "rate(2 hours)" }),
    );
    const page = await consoleCall(list.GET, "GET", { name: fn });
    expect(page.json).toEqual([
      expect.objectContaining({ id: made.json.id, name, expression: "rate(2 hours)", enabled: false, roleArn: ROLE }),
    ]);
  });

  it("made through the API: on the function's page, edited and deleted there", async () => {
    const fn = await deployFunction(t.lambda, SOURCE, { prefix: "sch-api" });
    await t.lambda.send(new PublishVersionCommand({ FunctionName: fn }));
    const name = uniqueName("from-api");
    const client = schedulerClient(t.srv.url);
    await client.send(
      new CreateScheduleCommand(
        scheduleInput(name, fn, {
          FlexibleTimeWindow: { Mode: "FLEXIBLE", MaximumWindowInMinutes: 10 },
          Target: { Arn: fnArn(fn, "1"), RoleArn: ROLE, RetryPolicy: { MaximumRetryAttempts: 3 } },
        }),
      ),
    );
    const page = await consoleCall(list.GET, "GET", { name: fn });
    expect(page.json).toEqual([
      expect.objectContaining({
        name,
        groupName: "default",
        qualifier: "1",
        flexibleWindowMinutes: 10,
        maximumRetryAttempts: 3,
        expression: "rate(5 minutes)",
        enabled: true,
      }),
    ]);
    const id = page.json[0].id as string;
    // The console's editor sends the fields it shows; the rest stays as the API set it.
    const edited = await consoleCall(one.PATCH, "PATCH", { name: fn, id }, { enabled: false, description: "paused" });
    expect(edited.status).toBe(200);
    expect(await client.send(new GetScheduleCommand({ Name: name }))).toMatchObject({
      State: "DISABLED",
      Description: "paused",
      FlexibleTimeWindow: { Mode: "FLEXIBLE", MaximumWindowInMinutes: 10 },
      Target: { Arn: fnArn(fn, "1"), RoleArn: ROLE, RetryPolicy: { MaximumRetryAttempts: 3 } },
    });
    expect((await consoleCall(one.DELETE, "DELETE", { name: fn, id })).status).toBe(204);
    const gone = await client.send(new GetScheduleCommand({ Name: name })).catch((e: Error) => e);
    expect(gone).toMatchObject({ name: "ResourceNotFoundException" });
  });

  it("refuses in the console a name the API already uses in the group", async () => {
    const [a, b] = [
      await deployFunction(t.lambda, SOURCE, { prefix: "sch-a" }),
      await deployFunction(t.lambda, SOURCE, { prefix: "sch-b" }),
    ];
    const name = uniqueName("shared");
    await schedulerClient(t.srv.url).send(new CreateScheduleCommand(scheduleInput(name, a)));
    const clash = await consoleCall(list.POST, "POST", { name: b }, { name, expression: "rate(1 hour)" });
    expect(clash).toMatchObject({
      status: 409,
      json: { error: { code: "ResourceConflictException", message: expect.stringContaining("already exists") } },
    });
  });
});
