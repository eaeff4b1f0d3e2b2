/**
 * Versions through the unmodified SDK: publish (and not, when nothing changed), list, read and
 * invoke by qualifier and qualified ARN — each version runs its own frozen code and configuration —,
 * delete one, and the code packages they keep alive.
 */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  CreateFunctionCommand,
  DeleteFunctionCommand,
  ListFunctionsCommand,
  GetFunctionCommand,
  GetFunctionConfigurationCommand,
  InvokeCommand,
  ListVersionsByFunctionCommand,
  PublishVersionCommand,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
} from "@aws-sdk/client-lambda";
import { dec, deployFunction, enc, testServer, uniqueName, zipOf } from "@/test/server";

const t = testServer();
// Each test's code is its own (packages are shared by content across functions).
let salt = 0;
const code = (tag: string, own = `${process.pid}-${salt++}`) =>
  `// ${own}\nexport const handler = async (e, ctx) => ({ tag: "${tag}", arn: ctx.invokedFunctionArn,
    version: process.env.AWS_LAMBDA_FUNCTION_VERSION, memory: ctx.memoryLimitInMB });`;

async function invoke(FunctionName: string, Qualifier?: string) {
  const r = await t.lambda.send(new InvokeCommand({ FunctionName, Qualifier, Payload: enc({}) }));
  return { executed: r.ExecutedVersion, body: dec(r.Payload) };
}

describe("versions", () => {
  it("freeze code and configuration; each runs its own", async () => {
    const name = await deployFunction(t.lambda, code("A"), { memory: 128 });
    const v1 = await t.lambda.send(new PublishVersionCommand({ FunctionName: name, Description: "first" }));
    expect(v1).toMatchObject({
      Version: "1",
      Description: "first",
      FunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${name}:1`,
      MemorySize: 128,
    });
    expect(v1.$metadata.httpStatusCode).toBe(201);
    // Nothing changed: the same version again, not a new one.
    expect((await t.lambda.send(new PublishVersionCommand({ FunctionName: name }))).Version).toBe("1");

    await t.lambda.send(new UpdateFunctionCodeCommand({ FunctionName: name, ZipFile: zipOf(code("B")) }));
    await t.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: name, MemorySize: 256 }));
    expect((await t.lambda.send(new PublishVersionCommand({ FunctionName: name }))).Version).toBe("2");
    await t.lambda.send(new UpdateFunctionCodeCommand({ FunctionName: name, ZipFile: zipOf(code("C")) }));

    expect(await invoke(name)).toMatchObject({ executed: "$LATEST", body: { tag: "C", version: "$LATEST" } });
    expect(await invoke(name, "1")).toEqual({
      executed: "1",
      body: {
        tag: "A",
        version: "1",
        memory: "128",
        arn: `arn:aws:lambda:us-east-1:000000000000:function:${name}:1`,
      },
    });
    expect(await invoke(`${name}:2`)).toMatchObject({ executed: "2", body: { tag: "B", memory: "256" } });
    expect(await invoke(`arn:aws:lambda:us-east-1:000000000000:function:${name}:1`)).toMatchObject({
      executed: "1",
      body: { tag: "A" },
    });

    const listed = await t.lambda.send(new ListVersionsByFunctionCommand({ FunctionName: name }));
    expect(listed.Versions?.map((v) => v.Version)).toEqual(["$LATEST", "1", "2"]);
    const page1 = await t.lambda.send(new ListVersionsByFunctionCommand({ FunctionName: name, MaxItems: 2 }));
    expect(page1.Versions?.map((v) => v.Version)).toEqual(["$LATEST", "1"]);
    const page2 = await t.lambda.send(
      new ListVersionsByFunctionCommand({ FunctionName: name, MaxItems: 2, Marker: page1.NextMarker }),
    );
    expect(page2.Versions?.map((v) => v.Version)).toEqual(["2"]);
    expect(page2.NextMarker).toBeUndefined();
  });

  it("are read by qualifier, their code downloads, and unknown ones are not found", async () => {
    const name = await deployFunction(t.lambda, code("A"));
    const { CodeSha256: shaA } = await t.lambda.send(new PublishVersionCommand({ FunctionName: name }));
    await t.lambda.send(new UpdateFunctionCodeCommand({ FunctionName: name, ZipFile: zipOf(code("B")) }));
    const v1 = await t.lambda.send(new GetFunctionCommand({ FunctionName: name, Qualifier: "1" }));
    expect(v1.Configuration).toMatchObject({ Version: "1", CodeSha256: shaA });
    const zip = Buffer.from(await (await fetch(v1.Code!.Location!)).arrayBuffer());
    expect(createHash("sha256").update(zip).digest("base64")).toBe(shaA); // version 1's code, not $LATEST's
    const cfg = await t.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: `${name}:1` }));
    expect(cfg.Version).toBe("1");
    for (const q of ["9", "0", "prod-x"])
      await expect(
        t.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: name, Qualifier: q })),
      ).rejects.toMatchObject({ name: "ResourceNotFoundException" });
    await expect(t.lambda.send(new InvokeCommand({ FunctionName: name, Qualifier: "9" }))).rejects.toMatchObject({
      name: "ResourceNotFoundException",
    });
  });

  it("publish only on the caller's terms: CodeSha256 and RevisionId", async () => {
    const name = await deployFunction(t.lambda, code("A"));
    await expect(
      t.lambda.send(new PublishVersionCommand({ FunctionName: name, CodeSha256: "not-the-sha" })),
    ).rejects.toMatchObject({ name: "InvalidParameterValueException" });
    await expect(
      t.lambda.send(
        new PublishVersionCommand({ FunctionName: name, RevisionId: "00000000-0000-0000-0000-000000000000" }),
      ),
    ).rejects.toMatchObject({ name: "PreconditionFailedException", $metadata: { httpStatusCode: 412 } });
    const { RevisionId } = await t.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: name }));
    expect((await t.lambda.send(new PublishVersionCommand({ FunctionName: name, RevisionId }))).Version).toBe("1");
  });

  it("are deleted one by one; their code goes only when nothing uses it", async () => {
    const a = code("A");
    const name = await deployFunction(t.lambda, a);
    const { CodeSha256: shaA } = await t.lambda.send(new PublishVersionCommand({ FunctionName: name }));
    await t.lambda.send(new UpdateFunctionCodeCommand({ FunctionName: name, ZipFile: zipOf(code("B")) }));
    const packages = async (sha?: string) =>
      (await t.srv.platform.db.pool.query(`SELECT count(*)::int AS n FROM code_packages WHERE sha256 = $1`, [sha]))
        .rows[0].n;
    expect(await packages(shaA)).toBe(1); // version 1 still uses A
    await expect(
      t.lambda.send(new DeleteFunctionCommand({ FunctionName: name, Qualifier: "$LATEST" })),
    ).rejects.toMatchObject({ name: "InvalidParameterValueException" });
    await t.lambda.send(new DeleteFunctionCommand({ FunctionName: name, Qualifier: "1" }));
    expect(await packages(shaA)).toBe(0);
    await expect(t.lambda.send(new InvokeCommand({ FunctionName: name, Qualifier: "1" }))).rejects.toMatchObject({
      name: "ResourceNotFoundException",
    });
    expect((await invoke(name)).body).toMatchObject({ tag: "B" });
    // Version numbers are never reused.
    await t.lambda.send(new UpdateFunctionCodeCommand({ FunctionName: name, ZipFile: zipOf(a) }));
    expect((await t.lambda.send(new PublishVersionCommand({ FunctionName: name }))).Version).toBe("2");
    const { CodeSha256: shaNow } = await t.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: name }));
    await t.lambda.send(new DeleteFunctionCommand({ FunctionName: name }));
    expect(await packages(shaNow)).toBe(0);
  });

  it("are published by Publish on CreateFunction and UpdateFunctionCode, and listed by FunctionVersion=ALL", async () => {
    const name = uniqueName("pub");
    const created = await t.lambda.send(
      new CreateFunctionCommand({
        FunctionName: name,
        Role: "r",
        Runtime: "nodejs20.x",
        Handler: "index.handler",
        Code: { ZipFile: zipOf(code("A")) },
        Publish: true,
      }),
    );
    expect(created.Version).toBe("1");
    const updated = await t.lambda.send(
      new UpdateFunctionCodeCommand({ FunctionName: name, ZipFile: zipOf(code("B")), Publish: true }),
    );
    expect(updated).toMatchObject({ Version: "2", FunctionArn: expect.stringMatching(/:2$/) });
    expect(await invoke(name, "1")).toMatchObject({ body: { tag: "A" } });
    const all: string[] = [];
    let Marker: string | undefined;
    do {
      const page = await t.lambda.send(new ListFunctionsCommand({ FunctionVersion: "ALL", Marker }));
      for (const f of page.Functions ?? []) if (f.FunctionName === name) all.push(f.Version!);
      Marker = page.NextMarker;
    } while (Marker);
    expect(all).toEqual(["$LATEST", "1", "2"]);
  });

  it("refuse a change made against a stale RevisionId (412)", async () => {
    const name = await deployFunction(t.lambda, code("A"));
    const { RevisionId: before } = await t.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: name }));
    const changed = await t.lambda.send(
      new UpdateFunctionConfigurationCommand({ FunctionName: name, MemorySize: 256, RevisionId: before }),
    );
    expect(changed.RevisionId).not.toBe(before);
    for (const command of [
      new UpdateFunctionConfigurationCommand({ FunctionName: name, MemorySize: 512, RevisionId: before }),
      new UpdateFunctionCodeCommand({ FunctionName: name, ZipFile: zipOf(code("B")), RevisionId: before }),
    ])
      await expect(t.lambda.send(command as never)).rejects.toMatchObject({ name: "PreconditionFailedException" });
    expect((await t.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: name }))).MemorySize).toBe(256);
  });
});
