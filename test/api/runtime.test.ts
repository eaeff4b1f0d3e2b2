import { describe, expect, it } from "vitest";
import { CreateFunctionCommand, InvokeCommand } from "@aws-sdk/client-lambda";
import { sandboxRuntime } from "@/lib/executor/runtime-node";
import { uniqueName, testServer, zipOf } from "@/test/server";

const t = testServer();

describe("the runtime that runs user code", () => {
  it("is the one the API reports, and an older runtime name is recorded as it", async () => {
    const rt = sandboxRuntime();
    const name = uniqueName("rt");
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
    expect(created.Runtime).toBe(rt.id);
    const r = await t.lambda.send(new InvokeCommand({ FunctionName: name }));
    const body = JSON.parse(new TextDecoder().decode(r.Payload));
    expect(body).toEqual({ version: `v${rt.version}`, env: `AWS_Lambda_${rt.id}` });
  });

  it("uses the pinned Node 24 LTS when npm install put it in place", () => {
    const rt = sandboxRuntime();
    if (rt.nodePath.includes(".nimbus-runtime")) expect(rt.id).toBe("nodejs24.x");
    else expect(rt.nodePath).toBe(process.execPath);
  });

  it("refuses runtimes it cannot run, naming the one it has", async () => {
    await expect(
      t.lambda.send(
        new CreateFunctionCommand({
          FunctionName: uniqueName("rt"),
          Role: "r",
          Runtime: "python3.12",
          Handler: "index.handler",
          Code: { ZipFile: zipOf(`export const handler = async () => 1;`) },
        }),
      ),
    ).rejects.toThrow(new RegExp(`this server runs ${sandboxRuntime().id}`));
  });
});
