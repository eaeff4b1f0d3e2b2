import { CreateFunctionCommand } from "@aws-sdk/client-lambda";
import { zipFiles } from "@/lib/code/package";
import { e2eLambda, expect, shot, test } from "@/e2e/helpers";

/** Half a second between words, and 3 s before the last: the spec looks at the stream meanwhile. */
const SOURCE = `export const handler = awslambda.streamifyResponse(async (event, stream) => {
  stream.setContentType("text/plain");
  for (const word of ["one ", "two ", "three ", "four ", "five"]) {
    await new Promise((r) => setTimeout(r, word === "five" ? 3000 : 500));
    stream.write(word);
  }
  stream.end();
});
`;

test("Test tab: a streaming function's chunks show as they arrive, then the result", async ({ page, baseURL }) => {
  test.setTimeout(60_000);
  const name = `stream-${Date.now().toString(36)}`;
  await e2eLambda(baseURL).send(
    new CreateFunctionCommand({
      FunctionName: name,
      Role: "r",
      Runtime: "nodejs20.x",
      Handler: "index.handler",
      Timeout: 10,
      Code: { ZipFile: zipFiles({ "index.mjs": SOURCE }) },
      Tags: { team: "web", stage: "dev" },
    }),
  );
  await page.goto(`/functions/${name}?tab=test`);
  // Tags set through the API show in the header.
  await expect(page.getByRole("list", { name: "Tags" }).getByRole("listitem")).toHaveText(["stage=dev", "team=web"]);
  await page.getByRole("button", { name: "Test", exact: true }).click();
  // While it runs: what has arrived so far, not yet all of it.
  const live = page.getByTestId("live-response");
  await expect(live.getByRole("status")).toContainText("Streaming · text/plain");
  await expect(live).toContainText("two");
  await expect(live).not.toContainText("five");
  await shot(page, "function-test-streaming");
  // Then the result, with the whole stream as the response.
  const result = page.getByTestId("test-result");
  await expect(result.getByRole("status")).toHaveText("Succeeded", { timeout: 15_000 });
  await expect(result.getByLabel("Response")).toHaveText("one two three four five");
  await expect(result).toContainText("streamed · text/plain · 23 bytes");
});

/** Events half a second apart, and 3 s before the last: the spec looks at the stream meanwhile. */
const SSE = `export const handler = awslambda.streamifyResponse(async (event, stream) => {
  stream = awslambda.HttpResponseStream.from(stream, { statusCode: 200, headers: { "content-type": "text/event-stream" } });
  for (let i = 0; i < 4; i++) {
    await new Promise((r) => setTimeout(r, i === 3 ? 3000 : 500));
    stream.write("data: " + i + "\\n\\n");
  }
  stream.end();
});
`;

test("function URL in streamed mode: the HTTP tester shows events as they arrive", async ({ page, baseURL }) => {
  test.setTimeout(60_000);
  const name = `sse-${Date.now().toString(36)}`;
  await e2eLambda(baseURL).send(
    new CreateFunctionCommand({
      FunctionName: name,
      Role: "r",
      Runtime: "nodejs20.x",
      Handler: "index.handler",
      Timeout: 10,
      Code: { ZipFile: zipFiles({ "index.mjs": SSE }) },
    }),
  );
  await page.goto(`/functions/${name}?tab=configuration`);
  const urlCard = page.locator("section").filter({ has: page.getByRole("heading", { name: "Function URL" }) });
  await urlCard.getByLabel(/Streamed \(RESPONSE_STREAM\)/).check();
  await urlCard.getByRole("button", { name: "Create function URL" }).click();
  await expect(page.getByText("Function URL created")).toBeVisible();

  await page.getByRole("tab", { name: "Test" }).click();
  const http = page.locator("section").filter({ has: page.getByRole("heading", { name: "HTTP request" }) });
  await http.getByRole("button", { name: "Send request" }).click();
  const partial = http.getByTestId("http-partial");
  await expect(partial).toContainText("data: 1");
  await expect(partial).not.toContainText("data: 3");
  await expect(partial).toContainText("receiving…");
  await shot(page, "function-url-streaming");
  const result = http.getByTestId("http-result");
  await expect(result.getByRole("status")).toHaveText("200 OK", { timeout: 15_000 });
  await expect(result).toContainText("text/event-stream");
  await expect(result).toContainText("data: 3");
});
