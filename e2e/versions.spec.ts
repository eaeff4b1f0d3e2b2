import type { Page } from "@playwright/test";
import { CreateAliasCommand } from "@aws-sdk/client-lambda";
import { card, e2eLambda, expect, shot, test, toastsGone, watchOffHost, fitsWidth } from "@/e2e/helpers";

/** Replaces the whole text of the Monaco editor with the given label (as journey.spec.ts does). */
async function setEditor(page: Page, label: string, text: string) {
  await expect(page.getByRole("textbox", { name: label })).toBeAttached();
  await page.locator(".monaco-editor .view-lines").first().click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(text);
}

test("versions: publish twice through the console, read the table, diff two versions, delete one", async ({
  page,
  request,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const off = watchOffHost(page);
  const name = `versions-${Date.now().toString(36)}`;
  const source = `export const handler = async (event) => ({ greeting: "hello" });\n`;
  expect((await request.post("/api/functions", { data: { name, source, description: "Greets" } })).status()).toBe(200);

  await page.goto(`/functions/${name}?tab=versions`);
  await expect(page.getByRole("tab", { name: "Versions", selected: true })).toBeVisible();
  await expect(page.getByText("No versions yet.")).toBeVisible();
  await expect(page.getByText("Publish a version to compare it")).toBeVisible();

  // Version 1, described; publishing again with nothing changed creates nothing.
  await page.getByLabel("Description (optional)").fill("first cut");
  await page.getByRole("button", { name: "Publish version" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Published version 1." })).toBeVisible();
  await expect(page.getByText("$LATEST is published as version 1")).toBeVisible();
  await page.getByRole("button", { name: "Publish version" }).click();
  await expect(page.getByText("Nothing changed since version 1: no new version was published.")).toBeVisible();
  const v1Sha = ((await (await request.get(`/api/functions/${name}`)).json()) as { codeSha256: string }).codeSha256;

  // New code in the Code tab, more memory in Configuration, then version 2.
  await page.getByRole("tab", { name: "Code" }).click();
  await setEditor(
    page,
    `Code of ${name}`,
    `export const handler = async (event) => ({ greeting: "hello", versionTwoMarker: event.n ?? 2 });`,
  );
  await page.keyboard.press("ControlOrMeta+S");
  await expect(page.getByText(/Deployed · CodeSha256/)).toBeVisible();
  await page.getByRole("tab", { name: "Configuration" }).click();
  await page.getByLabel("Memory (MB)").fill("256");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("Configuration saved")).toBeVisible();
  await page.getByRole("tab", { name: "Versions" }).click();
  await expect(page.getByText("$LATEST has changes not yet published.")).toBeVisible();
  // Before publishing, the diff shows what publishing would freeze: version 1 against $LATEST.
  await expect(page.getByLabel("A", { exact: true })).toHaveValue("1");
  await expect(page.getByLabel("B", { exact: true })).toHaveValue("$LATEST");
  await page.getByLabel("Description (optional)").fill("more memory, a marker");
  await page.getByRole("button", { name: "Publish version" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Published version 2." })).toBeVisible();
  const v2Sha = ((await (await request.get(`/api/functions/${name}`)).json()) as { codeSha256: string }).codeSha256;
  expect(v2Sha).not.toBe(v1Sha);

  // The table: $LATEST first, then newest first, with who, when (exact on hover) and the short sha.
  const rows = page.getByTestId("version-row");
  await expect(rows).toHaveCount(3);
  expect(await rows.evaluateAll((els) => els.map((e) => e.getAttribute("data-version")))).toEqual([
    "$LATEST",
    "2",
    "1",
  ]);
  const v2 = page.locator('tr[data-version="2"]');
  await expect(v2).toContainText("more memory, a marker");
  await expect(v2).toContainText("admin");
  await expect(v2).toContainText("console user");
  await expect(v2).toContainText("just now");
  await expect(v2).toContainText(`${v2Sha.slice(0, 10)}…`);
  await expect(v2).toContainText("256 MB");
  await expect(v2.locator("time")).toHaveAttribute("title", /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  await expect(v2.locator("code")).toHaveAttribute("title", v2Sha);
  const v1 = page.locator('tr[data-version="1"]');
  await expect(v1).toContainText("first cut");
  await expect(v1).toContainText(`${v1Sha.slice(0, 10)}…`);
  await expect(v1).toContainText("128 MB");
  await expect(page.locator('tr[data-version="$LATEST"]')).toContainText(/admin\s*console user · last change/);

  // The diff: version 1 against version 2; the changed field and the changed line are shown.
  const compare = card(page, "Compare versions");
  await expect(page.getByLabel("A", { exact: true })).toHaveValue("1");
  await expect(page.getByLabel("B", { exact: true })).toHaveValue("2");
  await expect(page).toHaveURL(/a=1&b=2/);
  const memory = compare.locator('[data-field="memoryMb"]');
  await expect(memory).toHaveAttribute("data-changed", "true");
  await expect(memory).toContainText("128 MB");
  await expect(memory).toContainText("256 MB");
  await expect(compare.locator('[data-field="runtime"]')).not.toHaveAttribute("data-changed", "true");
  await expect(compare.locator('[data-field="codeSha256"]')).toHaveAttribute("data-changed", "true");
  await expect(compare.getByText("1 changed, 0 added, 0 removed, 0 unchanged.")).toBeVisible();
  await expect(compare.getByRole("button", { name: /index\.mjs\s*changed/ })).toBeVisible();
  const editor = compare.getByTestId("diff-editor");
  await expect(editor.locator(".editor.modified .view-lines")).toContainText("versionTwoMarker", { timeout: 20_000 });
  await expect(editor.locator(".editor.original .view-lines")).not.toContainText("versionTwoMarker");
  await expect(editor.locator(".editor.modified .char-insert, .editor.modified .line-insert").first()).toBeVisible();
  await toastsGone(page);
  await shot(page, "function-versions");
  await page.getByRole("button", { name: "Switch to dark mode" }).click();
  await expect(editor.locator(".monaco-editor.vs-dark").first()).toBeVisible();
  await shot(page, "function-versions-dark");
  await page.getByRole("button", { name: "Switch to light mode" }).click();
  // The page fits at 1024 px: the table without sideways scrolling, the diff still side by side.
  await fitsWidth(page, 1024);
  const table = page.getByRole("table", { name: "Versions" });
  expect(await table.evaluate((t) => t.parentElement!.scrollWidth - t.parentElement!.clientWidth)).toBe(0);
  await expect(editor.locator(".editor.original")).toBeVisible();
  await shot(page, "function-versions-1024");
  await page.setViewportSize({ width: 1280, height: 720 });

  // Swap: B is now the older side.
  await compare.getByRole("button", { name: "Swap A and B" }).click();
  await expect(page.getByLabel("A", { exact: true })).toHaveValue("2");
  await expect(editor.locator(".editor.original .view-lines")).toContainText("versionTwoMarker");

  // Delete version 1, after a confirmation.
  await page.getByRole("button", { name: "Delete version 1" }).click();
  await page.getByRole("button", { name: "Yes, delete version 1" }).click();
  await expect(page.getByText("Deleted version 1")).toBeVisible();
  await expect(rows).toHaveCount(2);
  await expect(page.locator('[data-version="1"]')).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Delete version $LATEST" })).toHaveCount(0);
  // With version 1 gone, the diff falls back to what still exists.
  await expect(page.getByLabel("A", { exact: true })).toHaveValue("2");
  await expect(page.getByLabel("B", { exact: true })).toHaveValue("$LATEST");

  // A version an alias points at is not deleted: the service's reason shows on its row.
  await e2eLambda(baseURL).send(new CreateAliasCommand({ FunctionName: name, Name: "live", FunctionVersion: "2" }));
  await page.getByRole("button", { name: "Delete version 2" }).click();
  await page.getByRole("button", { name: "Yes, delete version 2" }).click();
  const refusal = table.getByRole("alert");
  await expect(compare.getByText("identical apart from the description")).toBeVisible();
  await expect(refusal).toHaveText("Unable to delete version because the following aliases reference it: [live]");
  await toastsGone(page);
  await shot(page, "function-versions-delete-refused");
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(refusal).toHaveCount(0);
  await expect(rows).toHaveCount(2);
  expect(off).toEqual([]);
});
