/** The reads deploy tools make on every plan, through the unmodified SDK, in Lambda's shapes. */
import { describe, expect, it } from "vitest";
import {
  GetFunctionCodeSigningConfigCommand,
  GetRuntimeManagementConfigCommand,
  ListFunctionEventInvokeConfigsCommand,
  PutFunctionEventInvokeConfigCommand,
} from "@aws-sdk/client-lambda";
import { deployFunction, testServer } from "@/test/server";

const t = testServer();

describe("reads deploy tools make", () => {
  it("code signing: none, in Lambda's shape", async () => {
    const name = await deployFunction(t.lambda, `export const handler = async () => 1;`);
    const r = await t.lambda.send(new GetFunctionCodeSigningConfigCommand({ FunctionName: name }));
    expect(r).toMatchObject({ CodeSigningConfigArn: "", FunctionName: name });
  });

  it("runtime management: updated automatically", async () => {
    const name = await deployFunction(t.lambda, `export const handler = async () => 1;`);
    const r = await t.lambda.send(new GetRuntimeManagementConfigCommand({ FunctionName: name }));
    expect(r).toMatchObject({
      UpdateRuntimeOn: "Auto",
      FunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${name}`,
    });
  });

  it("event-invoke configs: empty until one is set, then that one", async () => {
    const name = await deployFunction(t.lambda, `export const handler = async () => 1;`);
    const empty = await t.lambda.send(new ListFunctionEventInvokeConfigsCommand({ FunctionName: name }));
    expect(empty.FunctionEventInvokeConfigs).toEqual([]);
    await t.lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: name, MaximumRetryAttempts: 1 }));
    const one = await t.lambda.send(new ListFunctionEventInvokeConfigsCommand({ FunctionName: name }));
    expect(one.FunctionEventInvokeConfigs).toEqual([
      expect.objectContaining({ MaximumRetryAttempts: 1, FunctionArn: expect.stringContaining(`${name}:$LATEST`) }),
    ]);
  });

  it("name an unknown function as Lambda does", async () => {
    for (const command of [
      new GetFunctionCodeSigningConfigCommand({ FunctionName: "no-such-fn" }),
      new GetRuntimeManagementConfigCommand({ FunctionName: "no-such-fn" }),
      new ListFunctionEventInvokeConfigsCommand({ FunctionName: "no-such-fn" }),
    ])
      await expect(t.lambda.send(command as never)).rejects.toMatchObject({ name: "ResourceNotFoundException" });
  });
});
