import { expect, shot, test, watchOffHost } from "@/e2e/helpers";

const TOKEN = "tok-e2e-5ecret";

test("a secret variable set in the console stays masked, reaches the function, and the audit page shows who changed what", async ({
  page,
  request,
}) => {
  const offHost = watchOffHost(page);
  const name = `audited-${Date.now().toString(36)}`;
  const source = `export const handler = async () => { console.log("using " + process.env.API_TOKEN); return { token: process.env.API_TOKEN, mode: process.env.MODE }; };`;
  expect((await request.post("/api/functions", { data: { name, source } })).status()).toBe(200);

  // Configuration: one secret and one plain variable.
  await page.goto(`/functions/${name}?tab=configuration`);
  await page.getByRole("button", { name: "Add variable" }).click();
  await page.getByLabel("Variable 1 name").fill("API_TOKEN");
  await page.getByLabel("Variable 1 value").fill(TOKEN);
  await page.getByLabel("Variable 1 secret").check();
  await page.getByRole("button", { name: "Add variable" }).click();
  await page.getByLabel("Variable 2 name").fill("MODE");
  await page.getByLabel("Variable 2 value").fill("fast");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("Configuration saved")).toBeVisible();

  // After a reload the secret shows only the mask; saving the untouched form keeps the stored value.
  await page.reload();
  await expect(page.getByLabel("Variable 1 value")).toHaveValue("****");
  await expect(page.getByLabel("Variable 1 secret")).toBeChecked();
  await page.getByLabel("Memory (MB)").fill("256");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("Configuration saved")).toBeVisible();
  await expect(page.getByLabel("Variable 1 value")).toHaveValue("****");
  expect(await page.content()).not.toContain(TOKEN);
  await expect(page.getByRole("heading", { name: "Audit history" })).toBeVisible();
  await expect(page.getByTestId("audit-row").first()).toContainText("function.update-configuration");
  await shot(page, "function-configuration-secret");

  const fn = await (await request.get(`/api/functions/${name}`)).json();
  expect(fn.environment).toEqual({ API_TOKEN: "****", MODE: "fast" });
  const run = await (await request.post(`/api/functions/${name}/invoke`, { data: { event: {} } })).json();
  expect(run.response).toEqual({ token: TOKEN, mode: "fast" });
  expect(run.log.join("\n")).toContain("using ****");
  expect(run.log.join("\n")).not.toContain(TOKEN);

  // The audit page, reached from the navigation, filtered through the URL.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
  await page.getByLabel("Resource").fill(name);
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(new RegExp(`resource=${name}`));
  const rows = page.getByTestId("audit-row");
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toContainText("function.update-configuration");
  // Who: the signed-in user.
  await expect(rows.nth(0)).toContainText("admin");
  await expect(rows.nth(1)).toContainText("function.update-configuration");
  await expect(rows.nth(2)).toContainText("function.create");
  await rows.nth(1).getByRole("button").click();
  await expect(page.getByText(/"secretNames"/)).toBeVisible();
  await expect(page.getByText(/"API_TOKEN"/).first()).toBeVisible();
  expect(await page.content()).not.toContain(TOKEN);
  await shot(page, "audit-log");

  await page.goto(`/audit?resource=${name}&action=function.create`);
  await expect(rows).toHaveCount(1);
  expect(offHost).toEqual([]);
});
