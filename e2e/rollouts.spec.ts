import { strToU8, zipSync } from "fflate";
import { InvokeCommand, PublishVersionCommand, UpdateFunctionCodeCommand } from "@aws-sdk/client-lambda";
import { e2eLambda, expect, shot, test, toastsGone, watchOffHost } from "@/e2e/helpers";

const zipOf = (source: string) => zipSync({ "index.mjs": strToU8(source) });

test("aliases: split traffic with the slider, and a failing canary rolls back by itself", async ({
  page,
  request,
  baseURL,
}) => {
  test.setTimeout(150_000);
  const off = watchOffHost(page);
  const lambda = e2eLambda(baseURL);
  const name = `rollout-${Date.now().toString(36)}`;
  const ok = `export const handler = async () => ({ ok: true });\n`;
  expect((await request.post("/api/functions", { data: { name, source: ok } })).status()).toBe(200);
  await lambda.send(new PublishVersionCommand({ FunctionName: name, Description: "stable" }));
  const failing = `export const handler = async () => { throw new Error("the new version is broken"); };\n`;
  await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: name, ZipFile: zipOf(failing) }));
  await lambda.send(new PublishVersionCommand({ FunctionName: name, Description: "broken" }));

  await page.goto(`/functions/${name}?tab=versions`);
  const aliases = page.locator("section").filter({ has: page.getByRole("heading", { name: "Aliases" }) });
  await expect(aliases.getByText("No aliases yet.")).toBeVisible();
  await aliases.getByLabel("New alias").fill("live");
  await aliases.getByLabel("Points at").selectOption("1");
  await aliases.getByRole("button", { name: "Create alias" }).click();
  const live = aliases.getByRole("listitem", { name: "Alias live" });
  await expect(live).toContainText("→ version 1");

  // A 90/10 split with the slider.
  await live.getByRole("button", { name: "Edit" }).click();
  await live.getByLabel("Second version (weighted)").selectOption("2");
  await live.getByRole("slider").fill("10");
  await expect(live.getByText("Traffic to version 2: 10%")).toBeVisible();
  await live.getByRole("button", { name: "Save alias" }).click();
  await expect(live).toContainText("version 1 (90%) + version 2 (10%)");

  // Back to version 1 alone, then a canary of version 2 that the platform must roll back.
  await live.getByRole("button", { name: "Edit" }).click();
  await live.getByLabel("Second version (weighted)").selectOption("");
  await live.getByRole("button", { name: "Save alias" }).click();
  await expect(live).not.toContainText("(90%)");
  await live.getByRole("button", { name: "Roll out…" }).click();
  const form = live.getByRole("form", { name: "Start rollout" });
  await form.getByLabel("New version").selectOption("2");
  await form.getByLabel("Step (%)").fill("25");
  await form.getByLabel("Interval (seconds)").fill("600");
  await form.getByLabel("Min invocations per step").fill("10");
  await form.getByRole("button", { name: "Start rollout" }).click();
  await expect(live.getByRole("progressbar", { name: "Version 2 gets 25% of traffic" })).toBeVisible();

  // Traffic through the alias: a quarter of it reaches the broken version.
  let failed = 0;
  for (let i = 0; i < 8; i++) {
    const batch = await Promise.all(
      Array.from({ length: 10 }, () => lambda.send(new InvokeCommand({ FunctionName: name, Qualifier: "live" }))),
    );
    failed += batch.filter((r) => r.FunctionError).length;
  }
  expect(failed).toBeGreaterThanOrEqual(10);
  // The watcher (every second in this server) sees it and moves the alias back by itself.
  const history = aliases.getByRole("region", { name: "Rollout to version 2" });
  await expect(history.getByText("rolled-back")).toBeVisible({ timeout: 30_000 });
  await expect(history).toContainText(/version 2 failed \d+ of \d+ \(100%\), 100 points over version 1's 0%/);
  await expect(live).toContainText("→ version 1");
  await expect(live).not.toContainText("version 2 (");
  await toastsGone(page);
  await history.scrollIntoViewIfNeeded();
  await shot(page, "alias-rollout-rolled-back");

  // The Monitor tab splits its charts by version.
  await page.getByRole("tab", { name: "Monitor" }).click();
  const byVersion = page.getByRole("region", { name: "By version" });
  await expect(byVersion.getByRole("heading", { name: "Error rate by version" })).toBeVisible({ timeout: 20_000 });
  await expect(byVersion).toContainText("Version 2: 100.0% errors");
  await shot(page, "monitor-by-version");

  // The audit log has the rollout's decisions.
  const audit = (await (await request.get(`/api/audit?resource=${name}`)).json()) as {
    items: { action: string }[];
  };
  expect(audit.items.map((e) => e.action)).toEqual(expect.arrayContaining(["rollout.start", "rollout.rollback"]));
  expect(off).toEqual([]);
});
