import type { Page } from "@playwright/test";
import { expect, shot, test, watchOffHost } from "@/e2e/helpers";

/** Replaces the whole text of the Monaco editor with the given label. */
async function setEditor(page: Page, label: string, text: string) {
  // The labelled textbox is Monaco's (invisible) input surface; click the visible text area.
  await expect(page.getByRole("textbox", { name: label })).toBeAttached();
  await page.locator(".monaco-editor .view-lines").first().click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(text);
}

test("create → edit → deploy → configure → test → logs → monitor", async ({ page }) => {
  test.setTimeout(120_000);
  const off = watchOffHost(page);
  const name = `journey-${Date.now().toString(36)}`;

  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Functions" })).toBeVisible();
  await shot(page, "functions-list");
  await page.getByRole("link", { name: "Create function" }).first().click();
  await expect(page.getByRole("heading", { name: "Create function" })).toBeVisible();
  await page.getByLabel("Function name").fill("bad name!");
  await page.getByRole("button", { name: "Create function" }).click();
  await expect(page.getByText("Function name may contain only letters")).toBeVisible();
  await page.getByLabel("Function name").fill(name);
  await page.getByLabel("HTTP endpoint").check();
  await page.getByLabel("Hello world").check();
  await shot(page, "create-function");
  await page.getByRole("button", { name: "Create function" }).click();

  // Code: edit in Monaco, deploy with Ctrl/Cmd+S.
  await expect(page).toHaveURL(new RegExp(`/functions/${name}\\?tab=code`));
  await expect(page.getByRole("heading", { name })).toBeVisible();
  await expect(page.getByRole("tab", { name: "Code", selected: true })).toBeVisible();
  // The sandbox's isolation level is stated (full: CI runs as root with bubblewrap installed).
  await expect(page.getByTestId("isolation")).toContainText(
    process.getuid?.() === 0 ? "Isolation: full" : "Isolation:",
  );
  // The header says what the function may reach: the internet, filtered, by default.
  await expect(page.getByText(/network: internet \(filtered\)/)).toBeVisible();
  // One line: Monaco's auto-indent and comment continuation would rewrite typed newlines.
  await setEditor(
    page,
    `Code of ${name}`,
    `export const handler = async (event, context) => { console.log("journey", event.n); return { doubled: event.n * 2, rid: context.awsRequestId }; };`,
  );
  await expect(page.getByText("Unsaved changes")).toBeVisible();
  await page.keyboard.press("ControlOrMeta+S");
  await expect(page.getByText(/Deployed · CodeSha256/)).toBeVisible();
  await expect(page.getByText("Unsaved changes")).toHaveCount(0);
  await shot(page, "function-code");

  // Configuration: valid values save; an out-of-range timeout is refused next to the field.
  await page.getByRole("tab", { name: "Configuration" }).click();
  await expect(page).toHaveURL(/tab=configuration/);
  await page.getByLabel("Timeout (seconds)").fill("5");
  await page.getByLabel("Memory (MB)").fill("256");
  await page.getByLabel("Instance concurrency").fill("4");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("Configuration saved")).toBeVisible();
  await expect(page.getByText("256 MB · 5 s timeout · 4 calls per instance")).toBeVisible();
  await page.getByLabel("Timeout (seconds)").fill("301");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("Timeout must be between 1 and 300 seconds")).toBeVisible();
  await shot(page, "function-configuration");
  await page.reload();
  await expect(page.getByLabel("Timeout (seconds)")).toHaveValue("5");
  await expect(page.getByLabel("Instance concurrency")).toHaveValue("4");

  // Test: an event in Monaco, the Test button, result, figures and log.
  await page.getByRole("tab", { name: "Test" }).click();
  await setEditor(page, "Event JSON", `{"n": 21}`);
  await page.getByRole("button", { name: "Test", exact: true }).click();
  const result = page.getByTestId("test-result");
  await expect(result.getByText("Succeeded")).toBeVisible();
  await expect(result.getByLabel("Response")).toContainText('"doubled": 42');
  await expect(result.getByLabel("Log output")).toContainText("journey 21");
  await expect(result.getByLabel("Log output")).toContainText("REPORT RequestId");
  await expect(result.getByText(/^\d+ \/ 256 MB$/)).toBeVisible();
  await page.getByLabel("Event name").fill("double-21");
  await page.getByRole("button", { name: "Save as new" }).click();
  await expect(page.getByText("Saved test event double-21")).toBeVisible();
  await shot(page, "function-test");

  // Logs: the invocation with its REPORT line.
  await page.getByRole("tab", { name: "Logs" }).click();
  await expect(page).toHaveURL(/tab=logs/);
  const rows = page.locator("tbody tr").filter({ hasText: "Succeeded" });
  await expect(rows.first()).toBeVisible();
  await rows.first().getByRole("button").first().click();
  const log = page.getByRole("region", { name: /^Log of request / });
  await expect(log).toContainText("START RequestId:");
  await expect(log).toContainText("journey 21");
  await expect(log).toContainText(/REPORT RequestId: .*Billed Duration: \d+ ms\s+Memory Size: 256 MB/);
  await page.getByLabel("Search log lines").fill("journey");
  await expect(page).toHaveURL(/q=journey/);
  await expect(page.getByText("journey 21").first()).toBeVisible();
  await shot(page, "function-logs");

  // Monitor: the invocation is a point on the chart.
  await page.getByRole("tab", { name: "Monitor" }).click();
  await expect(page).toHaveURL(/tab=monitor/);
  const invocations = page.getByRole("img", { name: /^Invocations: [1-9]\d* in the last hour/ });
  await expect(invocations).toBeVisible();
  await expect(invocations.locator(".recharts-bar-rectangle, .recharts-rectangle").first()).toBeAttached();
  await expect(page.getByRole("img", { name: /^Cold starts: [1-9]/ })).toBeVisible();
  await expect(page.getByText(/GB-seconds/).first()).toBeVisible();
  await shot(page, "function-monitor");

  expect(off).toEqual([]);
});

test("a function that runs past its timeout shows the timeout error", async ({ page, request }) => {
  const name = `sleepy-${Date.now().toString(36)}`;
  expect(
    (
      await request.post("/api/functions", {
        data: { name, source: "export const handler = async () => { await new Promise(() => {}); };" },
      })
    ).status(),
  ).toBe(200);
  expect((await request.patch(`/api/functions/${name}`, { data: { timeoutSec: 1 } })).status()).toBe(200);
  await page.goto(`/functions/${name}?tab=test`);
  await expect(page.getByRole("tab", { name: "Test", selected: true })).toBeVisible();
  await page.getByRole("button", { name: "Test", exact: true }).click();
  const result = page.getByTestId("test-result");
  await expect(result.getByText("Failed")).toBeVisible();
  await expect(result.getByLabel("Response")).toContainText("Task timed out after 1.00 seconds");
  await expect(result.getByLabel("Response")).toContainText("Sandbox.Timedout");
});

test("the editor completes the handler contract and squiggles mistakes, offline", async ({ page, request }) => {
  const off = watchOffHost(page);
  const name = `editor-${Date.now().toString(36)}`;
  expect((await request.post("/api/functions", { data: { name, template: "hello-world" } })).status()).toBe(200);
  await page.goto(`/functions/${name}?tab=code`);
  await expect(page.getByRole("textbox", { name: `Code of ${name}` })).toBeAttached();
  await page.locator(".monaco-editor .view-lines").first().click();
  // Line 2 is `export const handler = async (event, context) => {`: open a line inside the body.
  await page.keyboard.press("ControlOrMeta+Home");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("End");
  await page.keyboard.press("Enter");
  await page.keyboard.type("context.");
  await expect(page.getByRole("option", { name: /awsRequestId/ })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByRole("option", { name: /getRemainingTimeInMillis/ })).toBeVisible();
  await page.keyboard.press("Escape");
  await page.keyboard.type("foo(;");
  await expect(page.locator(".squiggly-error").first()).toBeAttached({ timeout: 15_000 });
  await expect(page.getByText("Unsaved changes")).toBeVisible();
  await shot(page, "function-code-editor");
  expect(off).toEqual([]);
});

test("dark mode", async ({ page, request }) => {
  const name = `dark-${Date.now().toString(36)}`;
  expect((await request.post("/api/functions", { data: { name, template: "http" } })).status()).toBe(200);
  await page.goto(`/functions/${name}?tab=configuration`);
  await page.getByRole("button", { name: "Switch to dark mode" }).click();
  await expect(page.locator("html")).toHaveClass(/dark/);
  await shot(page, "function-configuration-dark");
  await page.reload();
  await expect(page.locator("html")).toHaveClass(/dark/); // remembered
  await page.getByRole("button", { name: "Switch to light mode" }).click();
});
