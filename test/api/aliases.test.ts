/**
 * Aliases through the unmodified SDK: create, read, list, update (with a stale RevisionId refused),
 * delete; invoking an alias runs the version it points at and reports it; weighted routing splits
 * traffic by the weight; a version an alias uses cannot be deleted.
 */
import { describe, expect, it } from "vitest";
import {
  AddPermissionCommand,
  CreateAliasCommand,
  CreateFunctionUrlConfigCommand,
  GetFunctionUrlConfigCommand,
  DeleteAliasCommand,
  DeleteFunctionCommand,
  GetAliasCommand,
  GetFunctionConfigurationCommand,
  InvokeCommand,
  ListAliasesCommand,
  PublishVersionCommand,
  UpdateAliasCommand,
  UpdateFunctionCodeCommand,
} from "@aws-sdk/client-lambda";
import { dec, deployFunction, enc, testServer, zipOf } from "@/test/server";
import { httpRequest, urlParts } from "@/test/urls/helpers";

const t = testServer();
let salt = 0;
const code = (tag: string) => `// ${process.pid}-${salt++}\nexport const handler = async () => ({ tag: "${tag}" });`;

/** A function with versions 1 (tag A) and 2 (tag B); $LATEST is C. */
async function twoVersions() {
  const name = await deployFunction(t.lambda, code("A"));
  await t.lambda.send(new PublishVersionCommand({ FunctionName: name }));
  await t.lambda.send(new UpdateFunctionCodeCommand({ FunctionName: name, ZipFile: zipOf(code("B")) }));
  await t.lambda.send(new PublishVersionCommand({ FunctionName: name }));
  await t.lambda.send(new UpdateFunctionCodeCommand({ FunctionName: name, ZipFile: zipOf(code("C")) }));
  return name;
}

async function invoke(FunctionName: string, Qualifier?: string) {
  const r = await t.lambda.send(new InvokeCommand({ FunctionName, Qualifier, Payload: enc({}) }));
  return { executed: r.ExecutedVersion, tag: (dec(r.Payload) as { tag: string }).tag };
}

const arn = (name: string) => `arn:aws:lambda:us-east-1:000000000000:function:${name}`;

describe("aliases", () => {
  it("are created, read, listed, moved and deleted; invoking one runs its version", async () => {
    const name = await twoVersions();
    const created = await t.lambda.send(
      new CreateAliasCommand({ FunctionName: name, Name: "prod", FunctionVersion: "1", Description: "live" }),
    );
    expect(created.$metadata.httpStatusCode).toBe(201);
    expect(created).toMatchObject({
      AliasArn: `${arn(name)}:prod`,
      Name: "prod",
      FunctionVersion: "1",
      Description: "live",
      RevisionId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(await invoke(name, "prod")).toEqual({ executed: "1", tag: "A" });
    expect(await invoke(`${arn(name)}:prod`)).toEqual({ executed: "1", tag: "A" });
    // An event for the alias runs the version the alias chose when it was accepted.
    const event = await t.lambda.send(
      new InvokeCommand({ FunctionName: name, Qualifier: "prod", InvocationType: "Event", Payload: enc({}) }),
    );
    await expect
      .poll(
        async () => {
          await t.srv.platform.writer.flush();
          const r = await t.srv.platform.db.pool.query(
            `SELECT version, trigger FROM invocations WHERE "requestId" = $1`,
            [event.$metadata.requestId],
          );
          return r.rows;
        },
        { timeout: 30_000, interval: 200 },
      )
      .toEqual([{ version: "1", trigger: "async" }]);
    // GetFunctionConfiguration of an alias is the version it points at.
    const cfg = await t.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: name, Qualifier: "prod" }));
    expect(cfg.Version).toBe("1");

    await t.lambda.send(new CreateAliasCommand({ FunctionName: name, Name: "dev", FunctionVersion: "$LATEST" }));
    const all = await t.lambda.send(new ListAliasesCommand({ FunctionName: name }));
    expect(all.Aliases?.map((a) => [a.Name, a.FunctionVersion])).toEqual([
      ["dev", "$LATEST"],
      ["prod", "1"],
    ]);
    const ofOne = await t.lambda.send(new ListAliasesCommand({ FunctionName: name, FunctionVersion: "1" }));
    expect(ofOne.Aliases?.map((a) => a.Name)).toEqual(["prod"]);
    const page = await t.lambda.send(new ListAliasesCommand({ FunctionName: name, MaxItems: 1 }));
    expect(page.Aliases?.map((a) => a.Name)).toEqual(["dev"]);
    const rest = await t.lambda.send(
      new ListAliasesCommand({ FunctionName: name, MaxItems: 1, Marker: page.NextMarker }),
    );
    expect(rest.Aliases?.map((a) => a.Name)).toEqual(["prod"]);
    expect(await invoke(name, "dev")).toEqual({ executed: "$LATEST", tag: "C" });

    const moved = await t.lambda.send(
      new UpdateAliasCommand({
        FunctionName: name,
        Name: "prod",
        FunctionVersion: "2",
        RevisionId: created.RevisionId,
      }),
    );
    expect(moved).toMatchObject({ FunctionVersion: "2", Description: "live" });
    expect(moved.RevisionId).not.toBe(created.RevisionId);
    expect(await invoke(name, "prod")).toEqual({ executed: "2", tag: "B" });
    // The caller saw an older alias: refused, and nothing changes.
    await expect(
      t.lambda.send(
        new UpdateAliasCommand({
          FunctionName: name,
          Name: "prod",
          FunctionVersion: "1",
          RevisionId: created.RevisionId,
        }),
      ),
    ).rejects.toMatchObject({ name: "PreconditionFailedException", $metadata: { httpStatusCode: 412 } });
    expect((await t.lambda.send(new GetAliasCommand({ FunctionName: name, Name: "prod" }))).FunctionVersion).toBe("2");

    await t.lambda.send(new DeleteAliasCommand({ FunctionName: name, Name: "prod" }));
    await expect(t.lambda.send(new GetAliasCommand({ FunctionName: name, Name: "prod" }))).rejects.toMatchObject({
      name: "ResourceNotFoundException",
      message: `Alias not found: ${arn(name)}:prod`,
    });
    await expect(invoke(name, "prod")).rejects.toMatchObject({ name: "ResourceNotFoundException" });
    await t.lambda.send(new DeleteFunctionCommand({ FunctionName: name }));
  });

  it("refuse what Lambda refuses, with messages that say why", async () => {
    const name = await twoVersions();
    await t.lambda.send(new CreateAliasCommand({ FunctionName: name, Name: "prod", FunctionVersion: "1" }));
    const refusals: [Record<string, unknown>, string, RegExp][] = [
      [{ Name: "prod", FunctionVersion: "1" }, "ResourceConflictException", /Alias already exists/],
      [{ Name: "p", FunctionVersion: "9" }, "ResourceNotFoundException", new RegExp(`${name}:9`)],
      [{ Name: "123", FunctionVersion: "1" }, "InvalidParameterValueException", /not only digits/],
      [{ Name: "x", FunctionVersion: "latest" }, "InvalidParameterValueException", /FunctionVersion/],
      [
        { Name: "x", FunctionVersion: "$LATEST", RoutingConfig: { AdditionalVersionWeights: { "1": 0.5 } } },
        "InvalidParameterValueException",
        /\$LATEST is not supported/,
      ],
      [
        { Name: "x", FunctionVersion: "1", RoutingConfig: { AdditionalVersionWeights: { "2": 1.5 } } },
        "InvalidParameterValueException",
        /between 0.0 and 1.0/,
      ],
      [
        { Name: "x", FunctionVersion: "1", RoutingConfig: { AdditionalVersionWeights: { "1": 0.5 } } },
        "InvalidParameterValueException",
        /alias's own version/,
      ],
    ];
    for (const [input, error, message] of refusals)
      await expect(
        t.lambda.send(
          new CreateAliasCommand({ FunctionName: name, ...(input as { Name: string; FunctionVersion: string }) }),
        ),
        JSON.stringify(input),
      ).rejects.toMatchObject({ name: error, message: expect.stringMatching(message) });
    // A version an alias uses stays; one no alias uses can go.
    await expect(
      t.lambda.send(new DeleteFunctionCommand({ FunctionName: name, Qualifier: "1" })),
    ).rejects.toMatchObject({ name: "ResourceConflictException", message: expect.stringContaining("[prod]") });
    await t.lambda.send(new DeleteFunctionCommand({ FunctionName: name, Qualifier: "2" }));
    await expect(t.lambda.send(new GetAliasCommand({ FunctionName: name, Name: "nope" }))).rejects.toMatchObject({
      name: "ResourceNotFoundException",
    });
    // DeleteAlias of an alias that does not exist succeeds, as Lambda's does.
    await t.lambda.send(new DeleteAliasCommand({ FunctionName: name, Name: "nope" }));
  });

  it("split traffic by RoutingConfig weight and report the version that ran", async () => {
    const name = await twoVersions();
    await t.lambda.send(
      new CreateAliasCommand({
        FunctionName: name,
        Name: "live",
        FunctionVersion: "1",
        RoutingConfig: { AdditionalVersionWeights: { "2": 0.1 } },
      }),
    );
    const got = await t.lambda.send(new GetAliasCommand({ FunctionName: name, Name: "live" }));
    expect(got.RoutingConfig).toEqual({ AdditionalVersionWeights: { "2": 0.1 } });
    const n = 2000;
    const counts: Record<string, number> = {};
    for (let i = 0; i < n; i += 50) {
      const batch = await Promise.all(Array.from({ length: 50 }, () => invoke(name, "live")));
      for (const r of batch) {
        expect(r.tag).toBe(r.executed === "1" ? "A" : "B"); // the version reported is the one that ran
        counts[r.executed!] = (counts[r.executed!] ?? 0) + 1;
      }
    }
    expect(Object.keys(counts).sort()).toEqual(["1", "2"]);
    // 10% of 2000: the binomial's standard deviation is 13.4; ±4σ.
    expect(counts["2"]).toBeGreaterThan(200 - 54);
    expect(counts["2"]).toBeLessThan(200 + 54);
    // Over 10,000 resolutions (what each invocation does first) the share is within ±1.5 points.
    let second = 0;
    for (let i = 0; i < 10_000; i++)
      if ((await t.srv.platform.invoker.resolve(name, "live")).record.version === "2") second++;
    expect(Math.abs(second / 100 - 10)).toBeLessThan(1.5);
    // Clearing the routing config sends everything to the alias's version again.
    const cleared = await t.lambda.send(
      new UpdateAliasCommand({ FunctionName: name, Name: "live", RoutingConfig: { AdditionalVersionWeights: {} } }),
    );
    expect(cleared.RoutingConfig).toBeUndefined();
    const after = await Promise.all(Array.from({ length: 40 }, () => invoke(name, "live")));
    expect(new Set(after.map((r) => r.executed))).toEqual(new Set(["1"]));
  });

  it("can have their own function URL, which follows the alias and goes with it", async () => {
    const name = await twoVersions();
    await t.lambda.send(new CreateAliasCommand({ FunctionName: name, Name: "web", FunctionVersion: "1" }));
    const cfg = await t.lambda.send(
      new CreateFunctionUrlConfigCommand({ FunctionName: name, Qualifier: "web", AuthType: "NONE" }),
    );
    expect(cfg.FunctionArn).toBe(`${arn(name)}:web`);
    await t.lambda.send(
      new AddPermissionCommand({
        FunctionName: name,
        Qualifier: "web",
        StatementId: "public",
        Action: "lambda:InvokeFunctionUrl",
        Principal: "*",
        FunctionUrlAuthType: "NONE",
      }),
    );
    const u = urlParts(cfg.FunctionUrl!);
    const get = async () => JSON.parse((await httpRequest(t.srv.port, { host: u.host, target: "/" })).body).tag;
    expect(await get()).toBe("A");
    await t.lambda.send(new UpdateAliasCommand({ FunctionName: name, Name: "web", FunctionVersion: "2" }));
    expect(await get()).toBe("B");
    // A version has no URL of its own; an alias that does not exist is not found.
    await expect(
      t.lambda.send(new CreateFunctionUrlConfigCommand({ FunctionName: name, Qualifier: "1", AuthType: "NONE" })),
    ).rejects.toMatchObject({ name: "InvalidParameterValueException" });
    await expect(
      t.lambda.send(new GetFunctionUrlConfigCommand({ FunctionName: name, Qualifier: "nope" })),
    ).rejects.toMatchObject({ name: "ResourceNotFoundException" });
    await t.lambda.send(new DeleteAliasCommand({ FunctionName: name, Name: "web" }));
    // Gone with the alias: unknown to the server, which answers as Lambda does for any unknown URL.
    expect((await httpRequest(t.srv.port, { host: u.host, target: "/" })).status).toBe(403);
    const left = await t.srv.platform.db.pool.query(`SELECT 1 FROM function_urls WHERE "urlId" = $1`, [u.urlId]);
    expect(left.rowCount).toBe(0);
  });

  it("tell the handler it was invoked through the alias (context.invokedFunctionArn)", async () => {
    const name = await deployFunction(
      t.lambda,
      `// ${process.pid}-${salt++}\nexport const handler = async (e, ctx) => ({ arn: ctx.invokedFunctionArn, v: ctx.functionVersion });`,
    );
    await t.lambda.send(new PublishVersionCommand({ FunctionName: name }));
    await t.lambda.send(new CreateAliasCommand({ FunctionName: name, Name: "stage", FunctionVersion: "1" }));
    const run = async (FunctionName: string, InvocationType?: "Event") =>
      dec((await t.lambda.send(new InvokeCommand({ FunctionName, Payload: enc({}), InvocationType }))).Payload);
    expect(await run(`${name}:stage`)).toEqual({ arn: `${arn(name)}:stage`, v: "1" });
    expect(await run(`${name}:1`)).toEqual({ arn: `${arn(name)}:1`, v: "1" });
    expect(await run(name)).toEqual({ arn: arn(name), v: "$LATEST" });
    // The same instance serves both: the ARN is the call's, not the instance's.
    expect(await run(`${name}:stage`)).toEqual({ arn: `${arn(name)}:stage`, v: "1" });
  });
});
