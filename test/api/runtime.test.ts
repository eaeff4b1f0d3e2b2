import { describe, expect, it } from "vitest";
import { CreateFunctionCommand, InvokeCommand } from "@aws-sdk/client-lambda";
import { sandboxNode } from "@/lib/executor/sandbox-node";
import { uniqueName, testServer, zipOf } from "@/test/server";

const t = testServer();

describe("the runtime that runs user code", () => {
  it("is the one the API reports, and an older runtime name is recorded as it", async () => {
    const platform = sandboxNode();
    const name = uniqueName("platform");
    const created = await t.lambda.send(
      new CreateFunctionCommand({
        FunctionName: name,
        Role: "r",
        Runtime: "nodejs20.x",
        Handler: "index.handler",
        Code: {
          ZipFile: zipOf(
            `export const handler = async () => ({ version: process.version, env: process.env.AWS_EXECUTION_ENV });`,
          ),
        },
      }),
    );
    expect(created.Runtime).toBe(platform.id);
    const r = await t.lambda.send(new InvokeCommand({ FunctionName: name }));
    const body = JSON.parse(new TextDecoder().decode(r.Payload));
    expect(body).toEqual({ version: `v${platform.version}`, env: `AWS_Lambda_${platform.id}` });
  });

  it("uses the pinned Node 24 LTS when npm install put it in place", () => {
    const platform = sandboxNode();
    if (platform.nodePath.includes(".nimbus-runtime")) expect(platform.id).toBe("nodejs24.x");
    else expect(platform.nodePath).toBe(process.execPath);
  });

  it("refuses runtimes it cannot run, naming the one it has", async () => {
    await expect(
      t.lambda.send(
        new CreateFunctionCommand({
          FunctionName: uniqueName("platform"),
          Role: "r",
          Runtime: "python3.12",
          Handler: "index.handler",
          Code: { ZipFile: zipOf(`export const handler = async () => 1;`) },
        }),
      ),
    ).rejects.toThrow(new RegExp(`this server runs ${sandboxNode().id}`));
  });
});
