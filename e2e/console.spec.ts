import { expect, test } from "@playwright/test";

test("the functions page lists functions, without any request leaving localhost", async ({ page, request }) => {
  const offHost: string[] = [];
  page.on("request", (r) => {
    const host = new URL(r.url()).hostname;
    if (host !== "localhost" && host !== "127.0.0.1") offHost.push(r.url());
  });
  const name = `e2e-${Date.now().toString(36)}`;
  const created = await request.post("/api/functions", { data: { name, template: "hello-world" } });
  expect(created.status()).toBe(200);

  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Functions" })).toBeVisible();
  await expect(page.getByRole("cell", { name })).toBeVisible();
  await page.screenshot({ path: "e2e/screenshots/functions.png", fullPage: true });
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
