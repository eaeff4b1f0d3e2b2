import { card, expect, shot, test, watchOffHost, fitsWidth } from "@/e2e/helpers";

test("function URL: create a public URL, open it, send it requests, make it signed, delete it", async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const off = watchOffHost(page);
  const name = `url-${Date.now().toString(36)}`;
  expect((await request.post("/api/functions", { data: { name, template: "http" } })).status()).toBe(200);

  // No URL yet: the Test tab says where to make one.
  await page.goto(`/functions/${name}?tab=test`);
  const http = card(page, "HTTP request", true);
  await expect(http.getByText("This function has no URL.")).toBeVisible();
  await http.getByRole("link", { name: "Configuration → Function URL" }).click();
  await expect(page.getByRole("tab", { name: "Configuration", selected: true })).toBeVisible();

  // Create it public (the default), as the AWS console does: the policy gets the public statement.
  const urlCard = card(page, "Function URL", true);
  await expect(urlCard.getByText("This function has no URL yet.")).toBeVisible();
  await urlCard.getByRole("button", { name: "Create function URL" }).click();
  await expect(page.getByText("Function URL created")).toBeVisible();
  await expect(urlCard.getByText("Public: the policy allows anyone.")).toBeVisible();
  const link = urlCard.getByRole("link", { name: /lambda-url/ });
  const functionUrl = (await link.getAttribute("href"))!;
  expect(functionUrl).toMatch(/^http:\/\/[a-z0-9]{32}\.lambda-url\.us-east-1\.localhost:\d+\/$/);
  await urlCard.getByText("Resource-based policy").click();
  await expect(urlCard.getByText('"FunctionURLAllowPublicAccess"')).toBeVisible();
  await shot(page, "function-url");

  // The URL answers a browser: Chromium resolves *.localhost to this machine.
  const visitor = await page.context().newPage();
  const res = await visitor.goto(`${functionUrl}?name=browser`);
  expect(res?.status()).toBe(200);
  expect(res?.headers()["content-type"]).toBe("application/json");
  await expect(visitor.locator("body")).toContainText('{"hello":"browser","method":"GET"}');
  await shot(visitor, "function-url-open");
  await visitor.close();

  // The tester sends a real request and shows status, headers and body.
  await page.getByRole("tab", { name: "Test" }).click();
  await http.getByLabel("Method").selectOption("POST");
  await http.getByLabel("Path and query").fill("https://example.test/x");
  await http.getByRole("button", { name: "Send request" }).click();
  await expect(http.getByRole("alert")).toHaveText("Give the path after the URL, e.g. /orders?id=7");
  await http.getByLabel("Path and query").fill("/orders?name=tester");
  await http.getByLabel("Headers").fill("Content-Type: application/json");
  await http.getByLabel("Body").fill('{"item":1}');
  await http.getByRole("button", { name: "Send request" }).click();
  const result = http.getByTestId("http-result");
  await expect(result.getByRole("status")).toHaveText("200 OK");
  await expect(result).toContainText('{"hello":"tester","method":"POST"}');
  await expect(result).toContainText("x-amzn-requestid");
  await shot(page, "function-url-tester");

  // Signed only: the tester explains, and an unsigned request is refused.
  await page.getByRole("tab", { name: "Configuration" }).click();
  await urlCard.getByLabel(/Signed requests \(AWS_IAM\)/).check();
  await urlCard.getByRole("button", { name: "Save URL settings" }).click();
  await expect(page.getByText("Function URL updated")).toBeVisible();
  await expect(urlCard.getByText("Requests must be signed (AWS_IAM).")).toBeVisible();
  await page.getByRole("tab", { name: "Test" }).click();
  await expect(http.getByText(/takes signed requests only/)).toBeVisible();
  await http.getByRole("button", { name: "Send request" }).click();
  await expect(http.getByTestId("http-result").getByRole("status")).toHaveText("403 Forbidden");

  // Deleted: the Configuration card is empty again and the address no longer answers.
  await page.getByRole("tab", { name: "Configuration" }).click();
  await urlCard.getByRole("button", { name: "Delete URL" }).click();
  await expect(page.getByText("Function URL deleted")).toBeVisible();
  await expect(urlCard.getByText("This function has no URL yet.")).toBeVisible();
  const gone = await page.context().newPage(); // the browser: Node's resolver does not know *.localhost
  expect((await gone.goto(functionUrl))?.status()).toBe(403); // as AWS answers an unknown URL
  await gone.close();

  await fitsWidth(page, 1024);
  expect(off).toEqual([]);
});
