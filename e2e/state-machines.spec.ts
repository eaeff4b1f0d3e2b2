import type { Locator, Page } from "@playwright/test";
import { card, expect, shot, test, toastsGone, watchOffHost } from "@/e2e/helpers";

/** Doubles `value`; refuses when asked to fail (the second machine's Task). */
const DOUBLER = `export const handler = async (event) => {
  if (event.fail) throw new Error("asked to fail");
  return { value: event.value * 2 };
};`;

/** Task → Choice → Wait 1 s → Parallel, over the function `fn`. */
const definitionOf = (fn: string) =>
  JSON.stringify(
    {
      Comment: "Doubles the input, checks it, waits, then fans out",
      StartAt: "Double",
      States: {
        Double: {
          Type: "Task",
          Resource: "arn:aws:states:::lambda:invoke",
          Parameters: { FunctionName: fn, "Payload.$": "$" },
          ResultSelector: { "value.$": "$.Payload.value" },
          Next: "Check size",
        },
        "Check size": {
          Type: "Choice",
          Choices: [{ Variable: "$.value", NumericGreaterThan: 10, Next: "Pause" }],
          Default: "Too small",
        },
        "Too small": { Type: "Fail", Error: "TooSmall", Cause: "The doubled value is 10 or less" },
        Pause: { Type: "Wait", Seconds: 1, Next: "Fan out" },
        "Fan out": {
          Type: "Parallel",
          Branches: [
            { StartAt: "Left", States: { Left: { Type: "Pass", Result: "left", End: true } } },
            {
              StartAt: "Right",
              States: { Right: { Type: "Pass", Parameters: { "doubled.$": "$.value" }, End: true } },
            },
          ],
          End: true,
        },
      },
    },
    null,
    2,
  );

/**
 * Replaces the text of the Monaco editor inside `scope` by pasting it, as a person would (typed text
 * would get Monaco's auto-closed brackets and auto-indentation on top of its own).
 */
async function setEditor(page: Page, scope: Locator, text: string) {
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  const lines = (s: string) => s.replace(/\r\n/g, "\n").trim();
  // A paste can miss on a busy machine (CI saw the old text stay): copy the editor's text back and
  // paste again until it is the text asked for.
  await expect(async () => {
    await page.evaluate((t) => navigator.clipboard.writeText(t), text);
    await scope.locator(".monaco-editor .view-lines").first().click();
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.press("ControlOrMeta+V");
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.press("ControlOrMeta+C");
    expect(lines(await page.evaluate(() => navigator.clipboard.readText()))).toBe(lines(text));
  }).toPass({ timeout: 20_000 });
  await page.keyboard.press("ControlOrMeta+Home");
}

const node = (page: Page, state: string) => page.locator(`[data-testid="state-node"][data-state="${state}"]`);

async function createFunction(request: import("@playwright/test").APIRequestContext, name: string) {
  const res = await request.post("/api/functions", { data: { name, source: DOUBLER, timeoutSec: 5 } });
  expect(res.status(), await res.text()).toBe(200);
}

test("state machines: create from the console, see the graph, run it and watch it succeed", async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  // Tall enough for the editor page whole: a full-page screenshot then does not resize (and re-lay out) Monaco.
  await page.setViewportSize({ width: 1280, height: 1100 });
  const off = watchOffHost(page);
  const stamp = Date.now().toString(36);
  const fn = `sfn-doubler-${stamp}`;
  const machine = `order-flow-${stamp}`;
  await createFunction(request, fn);

  // The top navigation leads to the list; Create opens the editor.
  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "State machines" }).click();
  await expect(page).toHaveURL(/\/state-machines$/);
  await expect(page.getByRole("heading", { name: "State machines", exact: true })).toBeVisible();
  // On a fresh server the list is empty: it says what a state machine is and offers the templates.
  await expect(page.getByText("Loading state machines…")).toHaveCount(0);
  if (await page.getByText("No state machines yet").isVisible()) await shot(page, "state-machines-empty");
  await page.getByRole("link", { name: "Create state machine" }).first().click();
  await expect(page.getByRole("heading", { name: "Create state machine" })).toBeVisible();
  const form = page.getByRole("form", { name: "Create state machine" });
  await form.getByLabel("Name", { exact: true }).fill(machine);

  // The template draws at once; a broken definition is marked in the editor and listed under it.
  await expect(node(page, "Hello")).toBeVisible();
  const editor = page.getByTestId("definition-editor");
  const diagnostics = page.getByTestId("definition-diagnostics");
  await setEditor(page, editor, definitionOf(fn).replace('"StartAt": "Double"', '"StartAt": "Nowhere"'));
  await expect(diagnostics).toContainText("Line 3, column", { timeout: 10_000 });
  await expect(diagnostics).toContainText("StartAt names 'Nowhere'");
  await expect(diagnostics).not.toContainText("checking");
  await expect(editor.locator(".squiggly-error").first()).toBeAttached();
  await expect(editor.locator("span", { hasText: /^"StartAt"$/ })).toBeInViewport();
  await shot(page, "state-machine-editor-errors");

  // Fixed: valid, and the graph shows every state, the Parallel's branches inside it.
  await setEditor(page, editor, definitionOf(fn));
  await expect(diagnostics).toContainText("The definition is valid", { timeout: 10_000 });
  for (const s of ["Double", "Check size", "Too small", "Pause", "Fan out", "Left", "Right"])
    await expect(node(page, s)).toBeVisible();
  await expect(page.getByTestId("state-graph").getByText("Branch 1")).toBeVisible();
  await expect(page.getByTestId("graph-start")).toBeVisible();
  await expect(editor.locator("span", { hasText: /^"StartAt"$/ })).toBeInViewport();
  await shot(page, "state-machine-editor");

  await form.getByRole("button", { name: "Create state machine" }).click();
  await expect(page.getByText(`State machine ${machine} created`)).toBeVisible();
  await expect(page.getByRole("heading", { name: machine })).toBeVisible();
  await expect(page.getByRole("tab", { name: "Definition", selected: true })).toBeVisible();
  await expect(node(page, "Fan out")).toBeVisible();

  // Start an execution from the dialog: a name and JSON input.
  await page.getByRole("tab", { name: "Executions" }).click();
  await expect(page.getByText("This state machine has not run yet.")).toBeVisible();
  await page.getByRole("button", { name: "Start execution" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Start execution" });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel("Name (optional)").fill("first-run");
  await setEditor(page, dialog, '{"value": 21}');
  await dialog.getByRole("button", { name: "Start execution" }).click();

  // The execution's page follows it live until it succeeds; every state it went through turns green.
  await expect(page).toHaveURL(new RegExp(`/state-machines/${machine}/executions/first-run$`));
  await expect(page.getByTestId("execution-status").first()).toHaveAttribute("data-status", "SUCCEEDED", {
    timeout: 30_000,
  });
  for (const s of ["Double", "Check size", "Pause", "Fan out", "Left", "Right"])
    await expect(node(page, s)).toHaveAttribute("data-status", "succeeded");
  await expect(node(page, "Too small")).toHaveAttribute("data-status", "not-started");
  await expect(page.getByTestId("execution-output")).toContainText('"doubled": 42');

  // A state's own input and output open beside the graph.
  await node(page, "Double").click();
  const detail = page.getByTestId("state-detail");
  await expect(detail.getByRole("heading", { name: "Double" })).toBeVisible();
  await expect(detail.getByTestId("state-input")).toContainText('"value": 21');
  await expect(detail.getByTestId("state-output")).toContainText('"value": 42');
  await expect(
    page.getByTestId("history-row").filter({ hasText: /^\d+\s*▸?\s*(Task|LambdaFunction)Succeeded/ }),
  ).toHaveCount(1);
  await page.getByRole("button", { name: "WaitStateEntered" }).click();
  await expect(page.locator("pre").filter({ hasText: '"name": "Pause"' })).toBeVisible();
  await toastsGone(page);
  await shot(page, "execution-graph");

  // The list shows the machine with its last execution.
  await page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "State machines" }).click();
  const row = page.getByTestId("state-machine-row").filter({ has: page.getByRole("link", { name: machine }) });
  await expect(row).toContainText("Standard");
  await expect(row).toContainText("Succeeded");
  await shot(page, "state-machines-list");
  expect(off).toEqual([]);
});

test("state machines: a failing Task fails the execution, its state turns red and it can be redriven", async ({
  page,
  request,
}) => {
  test.setTimeout(90_000);
  const stamp = Date.now().toString(36);
  const fn = `sfn-failer-${stamp}`;
  const machine = `failing-flow-${stamp}`;
  await createFunction(request, fn);
  const definition = JSON.stringify({
    StartAt: "Prepare",
    States: {
      Prepare: { Type: "Pass", Next: "Call" },
      Call: {
        Type: "Task",
        Resource: "arn:aws:states:::lambda:invoke",
        Parameters: { FunctionName: fn, "Payload.$": "$" },
        End: true,
      },
    },
  });
  const created = await request.post("/api/state-machines", { data: { name: machine, definition } });
  expect(created.status(), await created.text()).toBe(200);
  const started = await request.post(`/api/state-machines/${machine}/executions`, {
    data: { input: '{"fail": true}', name: "will-fail" },
  });
  expect(started.status(), await started.text()).toBe(200);

  await page.goto(`/state-machines/${machine}/executions/will-fail`);
  await expect(page.getByTestId("execution-status").first()).toHaveAttribute("data-status", "FAILED", {
    timeout: 30_000,
  });
  await expect(node(page, "Prepare")).toHaveAttribute("data-status", "succeeded");
  await expect(node(page, "Call")).toHaveAttribute("data-status", "failed");
  await expect(page.getByTestId("execution-error")).toContainText("asked to fail");
  await node(page, "Call").click();
  await expect(page.getByTestId("state-detail")).toContainText("Failed");
  await expect(page.getByTestId("state-error")).toContainText("asked to fail");
  const redrive = page.getByRole("button", { name: "Redrive from failed state" });
  await expect(redrive).toBeVisible();
  await expect(page.getByRole("button", { name: "Stop execution" })).toHaveCount(0);
  await shot(page, "execution-failed");

  // Redriven, the Task runs again (and fails again: the function still refuses).
  await redrive.click();
  await expect(page.getByText("Execution redriven")).toBeVisible();
  await expect(page.getByText(/Redriven\s*1×/)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("execution-status").first()).toHaveAttribute("data-status", "FAILED", {
    timeout: 30_000,
  });
  await expect(page.getByTestId("history-row").filter({ hasText: "ExecutionRedriven" })).toHaveCount(1);

  // The machine's page lists the execution; its filter keeps the failed ones.
  await page.goto(`/state-machines/${machine}?status=FAILED`);
  await expect(page.getByTestId("execution-row")).toHaveCount(1);
  await expect(page.getByTestId("execution-row")).toContainText("will-fail");
  await expect(page.getByTestId("execution-row")).toContainText("redriven ×1");
  await shot(page, "state-machine-executions");
  await page.getByText("Succeeded", { exact: true }).click();
  await expect(page.getByText("No succeeded executions.")).toBeVisible();

  // Saving over someone else's newer save is refused (412) with a way to reload theirs.
  await page.getByRole("tab", { name: "Definition" }).click();
  const editor = page.getByTestId("definition-editor");
  await expect(editor.locator(".monaco-editor")).toBeVisible();
  await setEditor(page, editor, JSON.stringify(JSON.parse(definition), null, 2).replaceAll('"Prepare"', '"Get ready"'));
  await expect(page.getByTestId("definition-diagnostics")).toContainText("The definition is valid");
  const elsewhere = await request.put(`/api/state-machines/${machine}`, { data: { description: "changed elsewhere" } });
  expect(elsewhere.status(), await elsewhere.text()).toBe(200);
  await page.getByRole("button", { name: "Save", exact: true }).click();
  const saveError = page.getByTestId("definition-save-error");
  await expect(saveError).toContainText("Someone saved this state machine after you opened it");
  await saveError.getByRole("button", { name: "Reload" }).click();
  await expect(saveError).toHaveCount(0);
  await expect(page.getByText("changed elsewhere")).toBeVisible();
  await expect(page.getByText("Unsaved changes")).toHaveCount(0);
});

test("state machines: a schedule on the machine's page starts an execution, and its fire links to it", async ({
  page,
  request,
}) => {
  test.setTimeout(90_000);
  const name = `sm-sched-${Date.now().toString(36)}`;
  const definition = JSON.stringify({ StartAt: "Hello", States: { Hello: { Type: "Pass", End: true } } });
  const res = await request.post("/api/state-machines", { data: { name, definition } });
  expect(res.status(), await res.text()).toBe(200);

  await page.goto(`/state-machines/${name}?tab=schedules`);
  await expect(
    page.getByText("No schedules yet — add one to start this state machine on a rate or cron"),
  ).toBeVisible();
  await page.getByRole("button", { name: "Add schedule" }).click();
  await page.getByLabel("Schedule name").fill("once-soon");
  await page.getByLabel("Time zone").fill("UTC");
  await page.getByLabel("Schedule expression").fill(`at(${new Date(Date.now() + 5_000).toISOString().slice(0, 19)})`);
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("Schedule once-soon created")).toBeVisible();

  const history = card(page, "Fire history · once-soon");
  await expect(history.getByText("Fired", { exact: true })).toBeVisible({ timeout: 40_000 });
  await history.getByRole("link", { name: "View execution" }).click();
  await expect(page).toHaveURL(new RegExp(`/state-machines/${name}/executions/[0-9a-f-]{36}`));
  await expect(page.getByText("Succeeded").first()).toBeVisible({ timeout: 15_000 });
});

test("state machines: a queue trigger on the machine's page starts an execution per batch", async ({
  page,
  request,
}) => {
  test.setTimeout(90_000);
  const stamp = Date.now().toString(36);
  const name = `sm-orders-${stamp}`;
  const queue = `sm-queue-${stamp}`;
  const definition = JSON.stringify({
    StartAt: "Bodies",
    States: { Bodies: { Type: "Pass", Parameters: { "bodies.$": "$.Records[*].body" }, End: true } },
  });
  let res = await request.post("/api/state-machines", { data: { name, definition } });
  expect(res.status(), await res.text()).toBe(200);
  res = await request.post("/api/queues", { data: { name: queue } });
  expect(res.status(), await res.text()).toBe(200);
  res = await request.post(`/api/queues/${queue}/messages`, { data: { body: "first order" } });
  expect(res.status(), await res.text()).toBe(200);

  await page.goto(`/state-machines/${name}?tab=triggers`);
  await expect(page.getByRole("tab", { name: "Triggers", selected: true })).toBeVisible();
  await expect(page.getByText("No triggers yet — add one to start an execution for each batch")).toBeVisible();
  await page.getByRole("button", { name: "Add trigger" }).click();
  const add = page.getByRole("form", { name: "Add trigger" });
  await add.getByLabel("Queue", { exact: true }).selectOption(queue);
  await add.getByRole("button", { name: "Add trigger" }).click();
  await expect(page.getByText(`Trigger from ${queue} added`)).toBeVisible();
  const trigger = page.getByTestId("trigger");
  await expect(trigger.getByText("OK", { exact: true })).toBeVisible({ timeout: 20_000 });
  await toastsGone(page);
  await shot(page, "state-machine-triggers");

  // The batch became an execution, whose output holds the message.
  await page.getByRole("tab", { name: "Executions" }).click();
  await page.getByTestId("execution-row").first().getByRole("link").first().click();
  await expect(page.getByText("Succeeded").first()).toBeVisible({ timeout: 15_000 });
  await expect(page.getByText("first order").first()).toBeVisible();
  // The queue's page names the state machine that reads it.
  await page.goto(`/queues/${queue}`);
  await expect(page.getByTestId("queue-mapping").getByRole("link", { name })).toHaveAttribute(
    "href",
    `/state-machines/${name}?tab=triggers`,
  );
});
