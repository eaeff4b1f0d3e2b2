import { expect, shot, test } from "@/e2e/helpers";

test("the functions page lists functions, without any request leaving localhost", async ({ page, request }) => {
  const offHost: string[] = [];
  page.on("request", (r) => {
    const host = new URL(r.url()).hostname;
    if (host !== "localhost" && host !== "127.0.0.1") offHost.push(r.url());
  });
  const name = `e2e-${Date.now().toString(36)}`;
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Functions" })).toBeVisible();
  // A fresh database (as in CI) shows the empty state that leads to "Create function".
  await expect(page.getByText(/^\d+ total$/)).toBeVisible();
  if (await page.getByText(/You have no functions yet/).isVisible()) {
    await expect(page.getByRole("link", { name: "Create function" }).last()).toBeVisible();
    await shot(page, "functions-empty");
  }
  const created = await request.post("/api/functions", { data: { name, template: "hello-world" } });
  expect(created.status()).toBe(200);

  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Functions" })).toBeVisible();
  await expect(page.getByRole("cell", { name })).toBeVisible();
  await shot(page, "functions");
  expect(offHost).toEqual([]);
});

test("the console API refuses bad input with a clear message and stores nothing", async ({ request }) => {
  const bad = await request.post("/api/functions", { data: { name: "has spaces" } });
  expect(bad.status()).toBe(400);
  const body = await bad.json();
  expect(body.error.code).toBe("InvalidParameterValueException");
  expect(body.error.message).toContain("letters, digits");
  const missing = await request.get("/api/functions/has%20spaces");
  expect(missing.status()).toBe(404);
});

test("the console fits a 1024 px laptop screen", async ({ page, request }) => {
  await page.setViewportSize({ width: 1024, height: 720 });
  const name = `narrow-${Date.now().toString(36)}`;
  expect((await request.post("/api/functions", { data: { name, template: "hello-world" } })).status()).toBe(200);
  for (const [url, shotName] of [
    ["/", "functions-list-1024"],
    [`/functions/${name}?tab=test`, "function-test-1024"],
    [`/functions/${name}?tab=logs`, "function-logs-1024"],
  ] as const) {
    await page.goto(url);
    await expect(page.getByRole("heading").first()).toBeVisible();
    await page.waitForLoadState("networkidle");
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, `${url} scrolls sideways`).toBeLessThanOrEqual(0);
    await shot(page, shotName);
  }
});
