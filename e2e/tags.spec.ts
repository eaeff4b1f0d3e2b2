import { expect, shot, test } from "@/e2e/helpers";

test("tags: edit them on the Configuration tab, then filter the functions list by one", async ({ page, request }) => {
  const stamp = Date.now().toString(36);
  const name = `tagged-${stamp}`;
  const other = `untagged-${stamp}`;
  for (const n of [name, other])
    expect(
      (await request.post("/api/functions", { data: { name: n, source: "export const handler = 1;" } })).status(),
    ).toBe(200);

  await page.goto(`/functions/${name}?tab=configuration`);
  const tags = page.getByRole("form", { name: "Tags" });
  await expect(tags.getByText("No tags.")).toBeVisible();
  await tags.getByRole("button", { name: "Add tag" }).click();
  await tags.getByLabel("Tag 1 key").fill("team");
  await tags.getByLabel("Tag 1 value").fill(`payments-${stamp}`);
  await tags.getByRole("button", { name: "Add tag" }).click();
  await tags.getByLabel("Tag 2 key").fill("aws:owner");
  await tags.getByRole("button", { name: "Save tags" }).click();
  await expect(tags.getByRole("alert")).toContainText("Tag keys starting with aws: are reserved");
  await tags.getByRole("button", { name: "Remove tag aws:owner" }).click();
  await tags.getByRole("button", { name: "Save tags" }).click();
  const header = page.getByRole("list", { name: "Tags" });
  await expect(header.getByRole("link", { name: `team=payments-${stamp}` })).toBeVisible();
  await shot(page, "function-tags");

  // The chip lists the functions with that tag.
  await header.getByRole("link", { name: `team=payments-${stamp}` }).click();
  await expect(page).toHaveURL(new RegExp(`\\?tag=team%3Dpayments-${stamp}$`));
  await expect(page.getByRole("link", { name, exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: other, exact: true })).toHaveCount(0);
  await expect(page.getByText(`Tagged team=payments-${stamp}`)).toBeVisible();
  await shot(page, "functions-by-tag");
  await page.getByRole("button", { name: `Clear the tag filter team=payments-${stamp}` }).click();
  await expect(page.getByRole("link", { name: other, exact: true })).toBeVisible();
});
