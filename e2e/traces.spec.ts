import { InvokeCommand } from "@aws-sdk/client-lambda";
import { e2eLambda, expect, shot, test, watchOffHost, fitsWidth } from "@/e2e/helpers";

/**
 * A little work in two spans of its own, and a failure on request. A function that bundles
 * @opentelemetry/api gets its tracer from the API's global registry; a spec's one-file function
 * cannot bundle it, so it reads that registry itself (what the package does inside).
 */
const HANDLER = `const otel = globalThis[Symbol.for("opentelemetry.js.api.1")];
const tracer = otel.trace.getTracer("pricing");
const pause = (ms) => new Promise((r) => setTimeout(r, ms));
export const handler = async (event) => {
  console.log("pricing order", event.order);
  const prices = await tracer.startActiveSpan("load prices", async (span) => {
    span.setAttribute("order", event.order);
    await pause(25);
    span.end();
    return { widget: 42 };
  });
  await tracer.startActiveSpan("apply discounts", async (span) => {
    await pause(10);
    span.end();
  });
  if (event.fail) throw new Error("no price for order " + event.order);
  return { order: event.order, total: prices.widget };
};`;

test("traces: an invocation's trace from its Logs row, the waterfall and a span's details, the Traces list", async ({
  page,
  request,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const off = watchOffHost(page);
  const fn = `pricing-${Date.now().toString(36)}`;

  // On a fresh server the list explains where traces come from (in a full run, other specs made some).
  await page.goto("/traces");
  const empty = page.getByText("No traces yet.");
  await expect(page.getByTestId("trace-row").first().or(empty)).toBeVisible();
  if (await empty.isVisible()) {
    await expect(page.getByRole("link", { name: "state machine", exact: true })).toHaveAttribute(
      "href",
      "/state-machines",
    );
    await shot(page, "traces-empty");
  }

  const created = await request.post("/api/functions", { data: { name: fn, source: HANDLER, timeoutSec: 5 } });
  expect(created.status(), await created.text()).toBe(200);

  // One call that fails, then one that succeeds (the newest, first in Logs), through the Lambda API.
  const lambda = e2eLambda(baseURL);
  const payload = (o: object) => new TextEncoder().encode(JSON.stringify(o));
  const failed = await lambda.send(new InvokeCommand({ FunctionName: fn, Payload: payload({ order: 1, fail: true }) }));
  expect(failed.FunctionError).toBe("Unhandled");
  const ok = await lambda.send(new InvokeCommand({ FunctionName: fn, Payload: payload({ order: 2 }) }));
  expect(ok.FunctionError).toBeUndefined();

  // Logs: each invocation links to its trace.
  await page.goto(`/functions/${fn}?tab=logs`);
  const traceLinks = page.getByRole("link", { name: /^Trace of request / });
  await expect(traceLinks).toHaveCount(2, { timeout: 15_000 });
  await shot(page, "function-logs-trace-links");
  await traceLinks.first().click();
  await expect(page).toHaveURL(/\/traces\/[0-9a-f]{32}$/);

  // The waterfall: the request Nimbus took in, the handler inside it, bars on one timeline.
  const rows = page.getByTestId("span-row");
  const handler = rows.and(page.locator("[data-kind=handler]"));
  const requestRow = rows.and(page.locator("[data-kind=request]")).filter({ hasText: `Invoke ${fn}` });
  await expect(handler).toHaveCount(1, { timeout: 15_000 });
  await expect(requestRow).toHaveCount(1);
  const userRows = rows.and(page.locator("[data-kind=user]"));
  await expect(userRows).toHaveCount(2);
  await expect(userRows.first()).toContainText("load prices");
  await expect(handler.getByTestId("span-bar")).toBeVisible();
  await expect(requestRow.getByTestId("span-bar")).toBeVisible();
  await expect(page.getByRole("list", { name: "Colour key" })).toContainText("Handler");

  // Collapsing the request hides what is below it; expanding shows it again.
  const collapse = requestRow.getByRole("button", { name: /^Collapse / });
  await collapse.click();
  await expect(handler).toHaveCount(0);
  await expect(userRows).toHaveCount(0);
  await requestRow.getByRole("button", { name: /^Expand / }).click();
  await expect(handler).toHaveCount(1);
  await expect(userRows).toHaveCount(2);

  // A span's details: kind, times, the function's page, and its log.
  await handler.locator("button[aria-pressed]").click();
  await expect(page).toHaveURL(/[?&]span=/);
  const details = page.getByRole("region", { name: /^Span / });
  await expect(details).toContainText("Handler");
  await expect(details).toContainText("into the trace");
  await expect(details.getByRole("link", { name: `Function ${fn}` })).toHaveAttribute("href", `/functions/${fn}`);
  await details.getByRole("button", { name: "Logs" }).click();
  const log = page.getByRole("region", { name: /^Log of request / });
  await expect(log).toContainText("pricing order 2");
  await expect(log).toContainText("REPORT RequestId");
  await shot(page, "trace-waterfall-log");
  await details.getByRole("button", { name: "Hide logs" }).click();
  await expect(log).toHaveCount(0);
  await shot(page, "trace-waterfall");

  // The page works at 1024 px.
  await fitsWidth(page, 1024);
  await shot(page, "trace-waterfall-1024");
  await page.setViewportSize({ width: 1280, height: 720 });

  // The Traces list, from the top navigation: both calls, the failed one marked.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Traces" }).click();
  await expect(page).toHaveURL(/\/traces$/);
  await expect(page.getByRole("heading", { name: "Traces", level: 1 })).toBeVisible();
  await page.getByLabel("Function").fill(fn);
  await expect(page).toHaveURL(new RegExp(`function=${fn}`));
  const traceRows = page.getByTestId("trace-row");
  await expect(traceRows).toHaveCount(2);
  await expect(traceRows.filter({ hasText: "Error" })).toHaveCount(1);
  await expect(traceRows.first()).toContainText(fn);
  await page.getByLabel("Function").blur();
  await shot(page, "traces-list");

  // Errors only: the failed call alone; the filter survives a reload (it is in the URL).
  await page.getByLabel("Errors only").check();
  await expect(page).toHaveURL(/errors=1/);
  await expect(traceRows).toHaveCount(1);
  await page.reload();
  await expect(page.getByLabel("Errors only")).toBeChecked();
  await expect(page.getByLabel("Function")).toHaveValue(fn);
  await expect(traceRows).toHaveCount(1);
  await traceRows.getByRole("link").first().click();
  // The root and the handler both failed.
  await expect(page.getByText(/^2 failed spans$/)).toBeVisible();
  await expect(page.getByTestId("span-row").filter({ hasText: "Handler" })).toContainText("Error:");
  await shot(page, "trace-error");
  await page.getByRole("button", { name: "Switch to dark mode" }).click();
  await expect(page.locator("html")).toHaveClass(/dark/);
  await page.getByTestId("span-row").filter({ hasText: "Handler" }).locator("button[aria-pressed]").click();
  await shot(page, "trace-error-dark");
  await page.getByRole("button", { name: "Switch to light mode" }).click();

  // A long minimum duration leaves nothing to show, and says so.
  await page.goto(`/traces?function=${fn}&minMs=60000`);
  await expect(page.getByText("No traces match these filters.")).toBeVisible();
  await page.getByRole("button", { name: "Clear filters" }).first().click();
  await expect(page).toHaveURL(/\/traces$/);

  // An unknown trace is answered plainly.
  await page.goto("/traces/0123456789abcdef0123456789abcdef");
  await expect(page.getByText("No trace with id 0123456789abcdef0123456789abcdef.")).toBeVisible();
  expect(off).toEqual([]);
});

test("traces: a workflow run's trace holds its states and the function its Task called", async ({ page, request }) => {
  test.setTimeout(90_000);
  const off = watchOffHost(page);
  const stamp = Date.now().toString(36);
  const fn = `quote-${stamp}`;
  const machine = `quoting-${stamp}`;
  const created = await request.post("/api/functions", { data: { name: fn, source: HANDLER, timeoutSec: 5 } });
  expect(created.status(), await created.text()).toBe(200);
  const definition = JSON.stringify({
    StartAt: "Price",
    States: {
      Price: {
        Type: "Task",
        Resource: "arn:aws:states:::lambda:invoke",
        Parameters: { FunctionName: fn, "Payload.$": "$" },
        Next: "Done",
      },
      Done: { Type: "Pass", End: true },
    },
  });
  const sm = await request.post("/api/state-machines", { data: { name: machine, definition } });
  expect(sm.status(), await sm.text()).toBe(200);
  const started = await request.post(`/api/state-machines/${machine}/executions`, {
    data: { input: JSON.stringify({ order: 7 }), name: "order-7" },
  });
  expect(started.status(), await started.text()).toBe(200);
  await expect
    .poll(
      async () =>
        (
          (await (await request.get(`/api/state-machines/${machine}/executions`)).json()) as {
            items: { status: string }[];
          }
        ).items[0]?.status,
      { timeout: 30_000 },
    )
    .toBe("SUCCEEDED");

  // The list shows the run by its machine and name; its trace nests the invocation under the Task state.
  await page.goto("/traces");
  const row = page.getByTestId("trace-row").filter({ hasText: `${machine} order-7` });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(`workflow:${machine}`);
  await row.getByRole("link", { name: `${machine} order-7` }).click();
  const rows = page.getByTestId("span-row");
  await expect(rows.and(page.locator("[data-kind=execution]"))).toHaveCount(1);
  await expect(rows.and(page.locator("[data-kind=state]")).filter({ hasText: "Price" })).toHaveCount(1);
  await expect(rows.and(page.locator("[data-kind=state]")).filter({ hasText: "Done" })).toHaveCount(1);
  await expect(rows.and(page.locator("[data-kind=handler]"))).toHaveCount(1);
  await expect(rows.and(page.locator("[data-kind=user]"))).toHaveCount(2);

  // Collapsing the Task state hides the invocation it made.
  const price = rows.and(page.locator("[data-kind=state]")).filter({ hasText: "Price" });
  await price.getByRole("button", { name: "Collapse Price" }).click();
  await expect(rows.and(page.locator("[data-kind=handler]"))).toHaveCount(0);
  await price.getByRole("button", { name: "Expand Price" }).click();

  // The execution's span links to the execution's page.
  await rows.and(page.locator("[data-kind=execution]")).locator("button[aria-pressed]").click();
  const details = page.getByRole("region", { name: /^Span / });
  await expect(details.getByRole("link", { name: "Execution order-7" })).toHaveAttribute(
    "href",
    `/state-machines/${machine}/executions/order-7`,
  );
  await expect(details).toContainText("SUCCEEDED");
  await shot(page, "trace-workflow");
  // …and the execution's page links back to its trace.
  const tracePath = new URL(page.url()).pathname; // the span chosen is in the query
  await details.getByRole("link", { name: "Execution order-7" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "order-7" })).toBeVisible();
  await page.getByRole("link", { name: "View trace" }).click();
  await expect(page).toHaveURL((u) => u.pathname === tracePath);
  await expect(rows.and(page.locator("[data-kind=execution]"))).toHaveCount(1);
  expect(off).toEqual([]);
});
