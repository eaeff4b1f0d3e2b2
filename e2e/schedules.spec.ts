import { InvokeCommand } from "@aws-sdk/client-lambda";
import { card, e2eLambda, expect, shot, test, watchOffHost, fitsWidth } from "@/e2e/helpers";

/** at() for `ms` from now, written in UTC. */
const atFromNow = (ms: number) => `at(${new Date(Date.now() + ms).toISOString().slice(0, 19)})`;

test("schedules: live validation, presets, a one-time schedule fires and links to its log, toggle, edit, delete", async ({
  page,
  request,
}) => {
  test.setTimeout(150_000);
  const off = watchOffHost(page);
  const name = `sched-${Date.now().toString(36)}`;
  expect((await request.post("/api/functions", { data: { name, template: "scheduled" } })).status()).toBe(200);

  await page.goto(`/functions/${name}?tab=schedules`);
  await expect(page.getByRole("tab", { name: "Schedules", selected: true })).toBeVisible();
  await expect(page.getByText("No schedules yet — add one to run this function on a rate or cron")).toBeVisible();

  // Live validation: the message says what and where; the offending character is marked.
  await page.getByRole("button", { name: "Add schedule" }).click();
  const expression = page.getByLabel("Schedule expression");
  await expression.fill("cron(0 8 ? * MOX-FRI *)");
  await expect(page.getByText("cron: day-of-week 'MOX' is not valid")).toBeVisible();
  await expect(page.getByTestId("expression-marker").locator("mark")).toHaveText("M");
  await expect(expression).toHaveAttribute("aria-invalid", "true");
  await shot(page, "function-schedules-form-error");

  // A preset fills the field and the preview shows the next 5 fire times, in the zone and in UTC.
  await page.getByRole("button", { name: "Every minute", exact: true }).click();
  await expect(expression).toHaveValue("rate(1 minute)");
  const preview = page.getByRole("table", { name: "Next fire times" });
  await expect(preview.locator("tbody tr")).toHaveCount(5);
  await expect(page.getByText("Runs every minute")).toBeVisible();
  await expect(page.getByText("cron: day-of-week")).toHaveCount(0);

  // A weekday cron in Berlin (it will not fire during the test).
  await page.getByRole("button", { name: "Weekdays at 09:00", exact: true }).click();
  await page.getByLabel("Schedule name").fill("weekday-report");
  await page.getByLabel("Time zone").fill("Europe/Berlin");
  await page.getByLabel("Description").fill("Mails the weekly numbers");
  await expect(preview.getByRole("columnheader", { name: "Europe/Berlin" })).toBeVisible();
  await expect(preview.locator("tbody tr").first()).toContainText("09:00:00");
  await shot(page, "function-schedules-form");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("Schedule weekday-report created")).toBeVisible();
  const rows = page.getByTestId("schedule-row");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("Runs at 09:00 on Monday through Friday");

  // A one-time schedule a few seconds from now, typed in UTC.
  await page.getByRole("button", { name: "Add schedule" }).click();
  await page.getByLabel("Schedule name").fill("once-soon");
  await page.getByLabel("Time zone").fill("UTC");
  await expression.fill(atFromNow(6_000));
  await expect(preview.locator("tbody tr")).toHaveCount(1);
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("Schedule once-soon created")).toBeVisible();
  await expect(rows).toHaveCount(2);

  // Its history shows the fire (polled every 10 s) with a link to the invocation's log.
  const history = card(page, "Fire history · once-soon");
  await expect(history).toBeVisible();
  await expect(history.getByText("Fired", { exact: true })).toBeVisible({ timeout: 40_000 });
  await expect(history.getByTestId("fire-row")).toHaveCount(1);
  await expect(history.getByTestId("fire-row")).toContainText(/\d+ ms/);
  await expect(rows.filter({ hasText: "once-soon" })).toContainText("No more fires");
  await shot(page, "function-schedules");

  // The page fits at 1024 px.
  await fitsWidth(page, 1024);
  await shot(page, "function-schedules-1024");
  await page.setViewportSize({ width: 1280, height: 720 });

  await history.getByRole("link", { name: "View log" }).click();
  await expect(page).toHaveURL(new RegExp(`/functions/${name}\\?tab=logs&invocation=[0-9a-f-]{36}`));
  await expect(page.getByRole("tab", { name: "Logs", selected: true })).toBeVisible();
  const log = page.getByRole("region", { name: /^Log of request / });
  // "Fired" shows once the run is queued; its log may come a moment later (the view asks again).
  await expect(log).toContainText("START RequestId:", { timeout: 15_000 });
  await expect(log).toContainText("scheduled run at");

  // Toggle off and on (the state survives a reload), edit, delete.
  await page.getByRole("tab", { name: "Schedules" }).click();
  const toggle = page.getByRole("switch", { name: "Enable weekday-report" });
  await expect(toggle).toHaveAttribute("aria-checked", "true");
  await toggle.click();
  await expect(page.getByText("weekday-report paused")).toBeVisible();
  await expect(toggle).toHaveAttribute("aria-checked", "false");
  await expect(rows.filter({ hasText: "weekday-report" })).toContainText("Paused");
  await page.reload();
  await expect(toggle).toHaveAttribute("aria-checked", "false");
  await toggle.click();
  await expect(page.getByText("weekday-report enabled")).toBeVisible();
  await expect(toggle).toHaveAttribute("aria-checked", "true");

  await page.getByRole("button", { name: "Edit weekday-report" }).click();
  await expect(page.getByLabel("Schedule name")).toHaveValue("weekday-report");
  await page.getByLabel("Schedule expression").fill("cron(0 9 ? * MON-FRI");
  await expect(page.getByText("cron: missing ')' at the end")).toBeVisible();
  await page.getByLabel("Schedule expression").fill("cron(30 9 ? * MON-FRI *)");
  await expect(page.getByText("cron: missing ')'")).toHaveCount(0);
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("Schedule weekday-report saved")).toBeVisible();
  await expect(rows.filter({ hasText: "weekday-report" })).toContainText("Runs at 09:30 on Monday through Friday");

  page.once("dialog", (d) => void d.accept());
  await page.getByRole("button", { name: "Delete once-soon" }).click();
  await expect(page.getByText("Deleted schedule once-soon")).toBeVisible();
  await expect(rows).toHaveCount(1);
  expect(
    (await (await request.get(`/api/functions/${name}/schedules`)).json()).map((s: { name: string }) => s.name),
  ).toEqual(["weekday-report"]);

  await page.getByRole("button", { name: "Switch to dark mode" }).click();
  await expect(page.locator("html")).toHaveClass(/dark/);
  await page.getByRole("button", { name: "Add schedule" }).click();
  await page.getByLabel("Schedule expression").fill("rate(5 minute)");
  await expect(page.getByText("rate: the unit is plural")).toBeVisible();
  await expect(page.getByText("Deleted schedule once-soon")).toHaveCount(0, { timeout: 10_000 }); // toasts gone
  await shot(page, "function-schedules-dark");

  expect(off).toEqual([]);
});

test("asynchronous invocation settings and the dead-letter queue", async ({ page, request, baseURL }) => {
  test.setTimeout(90_000);
  const off = watchOffHost(page);
  const name = `failing-${Date.now().toString(36)}`;
  expect(
    (
      await request.post("/api/functions", {
        data: {
          name,
          source: `export const handler = async (event) => { throw new TypeError("no report for " + event.day); };`,
        },
      })
    ).status(),
  ).toBe(200);

  await page.goto(`/functions/${name}?tab=configuration`);
  const settings = card(page, "Asynchronous invocation");
  await expect(settings.getByLabel("Retry attempts")).toHaveValue("2"); // Lambda's default
  await expect(card(page, "Dead-letter queue").getByText("No failed events")).toBeVisible();

  // Mistakes show next to their field and nothing is saved.
  await settings.getByLabel("Retry attempts").selectOption("0");
  await settings.getByLabel("Maximum age of event (seconds)").fill("59");
  await settings.getByLabel("On-failure destination").fill(name);
  await settings.getByRole("button", { name: "Update async settings" }).click();
  await expect(settings.getByText("Maximum age of event must be between 60 and 21600 seconds")).toBeVisible();
  await expect(settings.getByText("A function cannot be its own destination")).toBeVisible();
  await settings.getByLabel("Maximum age of event (seconds)").fill("120");
  await settings.getByLabel("On-failure destination").fill("");
  await settings.getByRole("button", { name: "Update async settings" }).click();
  await expect(page.getByText("Asynchronous invocation settings updated")).toBeVisible();
  await page.reload();
  await expect(settings.getByLabel("Retry attempts")).toHaveValue("0");
  await expect(settings.getByLabel("Maximum age of event (seconds)")).toHaveValue("120");

  // An asynchronous event that fails (no retries) lands in the dead-letter queue; redrive it.
  const sent = await e2eLambda(baseURL).send(
    new InvokeCommand({
      FunctionName: name,
      InvocationType: "Event",
      Payload: new TextEncoder().encode(JSON.stringify({ day: "monday" })),
    }),
  );
  expect(sent.StatusCode).toBe(202);
  const dlq = card(page, "Dead-letter queue");
  await expect(async () => {
    await dlq.getByRole("button", { name: "Refresh" }).click();
    await expect(dlq.getByTestId("dead-letter")).toHaveCount(1, { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  const letter = dlq.getByTestId("dead-letter").first();
  await expect(letter).toContainText("RetriesExhausted");
  await expect(letter).toContainText("TypeError: no report for monday");
  await expect(letter).toContainText("1 attempt");
  await letter.locator("summary").click();
  await expect(letter.locator("pre")).toContainText('"day": "monday"');
  await shot(page, "function-async-settings");

  await letter.getByRole("button", { name: /^Redrive/ }).click();
  await expect(page.getByText(/^Redriven as request [0-9a-f-]{36}$/)).toBeVisible();
  // The redriven event fails again and comes back as a new dead letter; the old one says when it was redriven.
  await expect(dlq.getByText(/^Redriven at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/)).toBeVisible();
  expect(off).toEqual([]);
});
