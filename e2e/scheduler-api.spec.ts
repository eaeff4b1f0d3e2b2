import { CreateScheduleCommand, GetScheduleCommand, SchedulerClient } from "@aws-sdk/client-scheduler";
import {
  card,
  E2E_ROOT_ACCESS_KEY_ID,
  E2E_ROOT_SECRET_ACCESS_KEY,
  expect,
  shot,
  test,
  watchOffHost,
} from "@/e2e/helpers";

test("schedules made with @aws-sdk/client-scheduler fire on time and are edited in the console", async ({
  page,
  request,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const off = watchOffHost(page);
  const scheduler = new SchedulerClient({
    endpoint: baseURL,
    region: "us-east-1",
    credentials: { accessKeyId: E2E_ROOT_ACCESS_KEY_ID, secretAccessKey: E2E_ROOT_SECRET_ACCESS_KEY },
    maxAttempts: 1,
  });
  const name = `sdk-sched-${Date.now().toString(36)}`;
  expect((await request.post("/api/functions", { data: { name, template: "scheduled" } })).status()).toBe(200);
  const arn = `arn:aws:lambda:us-east-1:000000000000:function:${name}`;
  const target = { Arn: arn, RoleArn: "arn:aws:iam::000000000000:role/scheduler", Input: '{"from":"sdk"}' };
  const soon = new Date(Date.now() + 8_000).toISOString().slice(0, 19);
  await scheduler.send(
    new CreateScheduleCommand({
      Name: `${name}-once`,
      ScheduleExpression: `at(${soon})`,
      FlexibleTimeWindow: { Mode: "OFF" },
      Target: target,
    }),
  );
  await scheduler.send(
    new CreateScheduleCommand({
      Name: `${name}-nightly`,
      ScheduleExpression: "cron(0 2 * * ? *)",
      ScheduleExpressionTimezone: "Europe/Paris",
      FlexibleTimeWindow: { Mode: "FLEXIBLE", MaximumWindowInMinutes: 15 },
      Description: "made with the SDK",
      Target: target,
    }),
  );

  await page.goto(`/functions/${name}?tab=schedules`);
  const rows = page.getByTestId("schedule-row");
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: `${name}-nightly` })).toContainText("Runs at 02:00");

  // The one-time schedule fires on time: its history shows the fire.
  await page.getByRole("button", { name: `${name}-once`, exact: true }).click();
  const history = card(page, `Fire history · ${name}-once`);
  await expect(history.getByText("Fired", { exact: true })).toBeVisible({ timeout: 45_000 });

  // Edited in the console: the change is what the Scheduler API reads, and what the console
  // does not show (the flexible window, the role) stays.
  await page.getByRole("button", { name: `Edit ${name}-nightly` }).click();
  await page.getByLabel("Schedule expression").fill("cron(30 3 * * ? *)");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText(`Schedule ${name}-nightly saved`)).toBeVisible();
  await expect(rows.filter({ hasText: `${name}-nightly` })).toContainText("Runs at 03:30");
  const got = await scheduler.send(new GetScheduleCommand({ Name: `${name}-nightly` }));
  expect(got).toMatchObject({
    ScheduleExpression: "cron(30 3 * * ? *)",
    ScheduleExpressionTimezone: "Europe/Paris",
    FlexibleTimeWindow: { Mode: "FLEXIBLE", MaximumWindowInMinutes: 15 },
    Target: { Arn: arn, RoleArn: target.RoleArn },
  });
  await shot(page, "schedules-from-the-sdk");
  expect(off).toEqual([]);
});
