import { describe, expect, it } from "vitest";
import {
  CreateFunctionCommand,
  GetFunctionConfigurationCommand,
  InvokeCommand,
  PublishVersionCommand,
  UpdateFunctionConfigurationCommand,
} from "@aws-sdk/client-lambda";
import { PATCH } from "@/app/api/functions/[name]/route";
import { dec, testServer, uniqueName, zipOf } from "@/test/server";

const t = testServer();

/**
 * Waits 400 ms, and then until "together" calls have run in this module at once (at most 2 s more:
 * then fewer ever did); says which module (instance) served the call and how many calls it ran at once.
 */
const SOURCE = `const id = Math.random().toString(36).slice(2);
let running = 0, most = 0;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export const handler = async (e) => {
  most = Math.max(most, ++running);
  await sleep(400);
  for (const end = Date.now() + 2000; most < (e.together ?? 0) && Date.now() < end; ) await sleep(20);
  running--;
  return { id, most };
};`;

const patch = (name: string, body: unknown) =>
  PATCH(new Request(`http://localhost/api/functions/${name}`, { method: "PATCH", body: JSON.stringify(body) }), {
    params: Promise.resolve({ name }),
  });

describe("instance concurrency", () => {
  it("is Lambda Managed Instances' PerExecutionEnvironmentMaxConcurrency through the SDK", {
    timeout: 60_000,
  }, async () => {
    const name = uniqueName("ic");
    const created = await t.lambda.send(
      new CreateFunctionCommand({
        FunctionName: name,
        Role: "r",
        Runtime: "nodejs20.x",
        Handler: "index.handler",
        Code: { ZipFile: zipOf(SOURCE) },
        CapacityProviderConfig: {
          LambdaManagedInstancesCapacityProviderConfig: {
            CapacityProviderArn: "arn:aws:lambda:us-east-1:123456789012:capacity-provider:mine",
            PerExecutionEnvironmentMaxConcurrency: 6,
          },
        },
      }),
    );
    expect(created.CapacityProviderConfig?.LambdaManagedInstancesCapacityProviderConfig).toMatchObject({
      PerExecutionEnvironmentMaxConcurrency: 6,
      CapacityProviderArn: expect.stringMatching(/:capacity-provider:nimbus$/),
    });
    await t.lambda.send(new InvokeCommand({ FunctionName: name, Payload: "{}" }));
    const calls = await Promise.all(
      Array.from({ length: 6 }, () =>
        t.lambda.send(new InvokeCommand({ FunctionName: name, Payload: '{"together":6}' })),
      ),
    );
    const bodies = calls.map((c) => dec(c.Payload));
    // Six calls at once on one instance: one module, which saw all six.
    expect(new Set(bodies.map((b) => b.id)).size).toBe(1);
    expect(Math.max(...bodies.map((b) => b.most))).toBe(6);

    await expect(
      t.lambda.send(
        new UpdateFunctionConfigurationCommand({
          FunctionName: name,
          CapacityProviderConfig: {
            LambdaManagedInstancesCapacityProviderConfig: {
              CapacityProviderArn: "x",
              PerExecutionEnvironmentMaxConcurrency: 0,
            },
          },
        }),
      ),
    ).rejects.toThrow("Instance concurrency must be between 1 and 64");

    // A version keeps the setting it was published with.
    const v1 = await t.lambda.send(new PublishVersionCommand({ FunctionName: name }));
    expect(
      v1.CapacityProviderConfig?.LambdaManagedInstancesCapacityProviderConfig?.PerExecutionEnvironmentMaxConcurrency,
    ).toBe(6);

    // The console sets it back to Lambda's rule: one call per instance, and no capacity provider shown.
    const res = await patch(name, { instanceConcurrency: 1 });
    expect(res.status).toBe(200);
    expect((await res.json()).instanceConcurrency).toBe(1);
    const latest = await t.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: name }));
    expect(latest.CapacityProviderConfig).toBeUndefined();
    const spread = await Promise.all(
      Array.from({ length: 3 }, () => t.lambda.send(new InvokeCommand({ FunctionName: name, Payload: "{}" }))),
    );
    expect(spread.map((c) => dec(c.Payload).most)).toEqual([1, 1, 1]);
    const pinned = await Promise.all(
      Array.from({ length: 4 }, () =>
        t.lambda.send(new InvokeCommand({ FunctionName: name, Qualifier: v1.Version, Payload: "{}" })),
      ),
    );
    expect(new Set(pinned.map((c) => dec(c.Payload).id)).size).toBe(1);

    const bad = await patch(name, { instanceConcurrency: 100 });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatchObject({
      field: "instanceConcurrency",
      message: "Instance concurrency must be between 1 and 64",
    });
  });
});
