/** The Monitor tab's split by version, over real invocation records of a weighted alias. */
import { describe, expect, it } from "vitest";
import {
  CreateAliasCommand,
  GetFunctionCommand,
  InvokeCommand,
  PublishVersionCommand,
  UpdateFunctionCodeCommand,
} from "@aws-sdk/client-lambda";
import { deployFunction, enc, testServer, zipOf } from "@/test/server";
import { getVersionSplit } from "@/lib/metrics/by-version";

const t = testServer();

describe("metrics by version", () => {
  it("count each version's invocations and errors per bucket, busiest first", async () => {
    const ok = `// ${process.pid} split-ok\nexport const handler = async () => "ok";`;
    const bad = `// ${process.pid} split-bad\nexport const handler = async () => { throw new Error("no"); };`;
    const name = await deployFunction(t.lambda, ok, { timeout: 30 });
    await t.lambda.send(new PublishVersionCommand({ FunctionName: name }));
    await t.lambda.send(new UpdateFunctionCodeCommand({ FunctionName: name, ZipFile: zipOf(bad) }));
    await t.lambda.send(new PublishVersionCommand({ FunctionName: name }));
    await t.lambda.send(
      new CreateAliasCommand({
        FunctionName: name,
        Name: "live",
        FunctionVersion: "1",
        RoutingConfig: { AdditionalVersionWeights: { "2": 0.3 } },
      }),
    );
    // In batches: sixty cold starts at once on two busy cores can run past a function's timeout.
    const ran = [];
    for (let i = 0; i < 6; i++)
      ran.push(
        ...(await Promise.all(
          Array.from({ length: 10 }, () =>
            t.lambda.send(new InvokeCommand({ FunctionName: name, Qualifier: "live", Payload: enc({}) })),
          ),
        )),
      );
    const n2 = ran.filter((r) => r.ExecutedVersion === "2").length;
    await t.srv.platform.writer.flush();
    const id = (await t.lambda.send(new GetFunctionCommand({ FunctionName: name }))).Configuration!.FunctionArn!;
    const fnId = (await t.srv.platform.resolver.get(id.split(":").at(-1)!))!.record.id;

    const split = await getVersionSplit(t.srv.platform.db.pool, fnId, "1h");
    expect(split.versions).toEqual([
      { version: "1", invocations: 60 - n2, errors: 0, durationMsP99: expect.any(Number) },
      { version: "2", invocations: n2, errors: n2, durationMsP99: expect.any(Number) },
    ]);
    expect(split.buckets).toHaveLength(60);
    const last = split.buckets.filter((b) => (b["inv:1"] ?? 0) + (b["inv:2"] ?? 0) > 0);
    expect(last.reduce((s, b) => s + (b["inv:1"] ?? 0) + (b["inv:2"] ?? 0), 0)).toBe(60);
    for (const b of last) if ((b["inv:2"] ?? 0) > 0) expect(b["err%:2"]).toBe(100);
    for (const b of last) if ((b["inv:1"] ?? 0) > 0) expect(b["err%:1"]).toBe(0);
  });
});
