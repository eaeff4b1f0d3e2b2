import { InvokeCommand, LambdaClient } from "@aws-sdk/client-lambda";
import { expect, shot, test, watchOffHost } from "@/e2e/helpers";

test("access keys: create in the console, the secret signs SDK calls, deactivating it refuses them", async ({
  page,
  request,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const off = watchOffHost(page);
  const name = `keys-${Date.now().toString(36)}`;
  expect((await request.post("/api/functions", { data: { name, template: "hello-world" } })).status()).toBe(200);

  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Access keys" }).click();
  await expect(page.getByRole("heading", { name: "Access keys", level: 1 })).toBeVisible();

  await page.getByLabel("Description").fill("e2e key");
  await page.getByRole("button", { name: "Create access key" }).click();
  await expect(page.getByText("You will not see it again")).toBeVisible();
  const accessKeyId = (await page.getByTestId("new-access-key-id").textContent())!.trim();
  const secretAccessKey = (await page.getByTestId("new-secret-access-key").textContent())!.trim();
  expect(accessKeyId).toMatch(/^NIMB[A-Z2-7]{16}$/);
  expect(secretAccessKey).toHaveLength(40);
  await expect(page.getByText(`export AWS_SECRET_ACCESS_KEY=${secretAccessKey}`)).toBeVisible();
  const row = page.getByTestId(`access-key-${accessKeyId}`);
  await expect(row).toContainText("Active");
  await expect(row).toContainText("e2e key");
  await shot(page, "access-keys-created");

  const lambda = new LambdaClient({
    endpoint: baseURL,
    region: "us-east-1",
    credentials: { accessKeyId, secretAccessKey },
    maxAttempts: 1,
  });
  const ok = await lambda.send(new InvokeCommand({ FunctionName: name, Payload: new TextEncoder().encode("{}") }));
  expect(ok.StatusCode).toBe(200);
  expect(ok.FunctionError).toBeUndefined();

  // Saved: the secret is gone from the page for good.
  await page.getByRole("button", { name: "I have saved the secret" }).click();
  await expect(page.getByTestId("new-secret-access-key")).toHaveCount(0);
  await page.reload();
  await expect(page.getByText(secretAccessKey)).toHaveCount(0);

  await row.getByRole("button", { name: `Deactivate ${accessKeyId}` }).click();
  await expect(row).toContainText("Inactive");
  await expect(page.getByText(`${accessKeyId} is now inactive`)).toBeVisible();
  await expect(lambda.send(new InvokeCommand({ FunctionName: name }))).rejects.toMatchObject({
    name: "UnrecognizedClientException",
  });
  await shot(page, "access-keys");

  // Unsigned calls to the Lambda API are refused outright.
  const unsigned = await request.post(`/2015-03-31/functions/${name}/invocations`, { data: "{}" });
  expect(unsigned.status()).toBe(403);
  expect(unsigned.headers()["x-amzn-errortype"]).toBe("MissingAuthenticationTokenException");
  expect(off).toEqual([]);
});
