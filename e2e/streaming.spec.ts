import { CreateFunctionCommand } from "@aws-sdk/client-lambda";
import { zipFiles } from "@/lib/code/package";
import { e2eLambda, expect, shot, test } from "@/e2e/helpers";

const SOURCE = `export const handler = awslambda.streamifyResponse(async (event, stream) => {
  stream.setContentType("text/plain");
  for (const word of ["one ", "two ", "three ", "four ", "five"]) {
    stream.write(word);
    await new Promise((r) => setTimeout(r, 500));
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
    }),
  );
  await page.goto(`/functions/${name}?tab=test`);
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
