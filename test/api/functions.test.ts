import { describe, expect, it } from "vitest";
import {
  CreateFunctionCommand,
  DeleteFunctionCommand,
  GetFunctionCommand,
  GetFunctionConfigurationCommand,
  ListFunctionsCommand,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
  PutFunctionConcurrencyCommand,
  GetFunctionConcurrencyCommand,
  DeleteFunctionConcurrencyCommand,
  GetAccountSettingsCommand,
  InvokeCommand,
} from "@aws-sdk/client-lambda";
import { createHash } from "node:crypto";
import { lambdaClient, signedFetch, startTestServer, uniqueName, testServer, zipOf } from "@/test/server";

const t = testServer();

const code = `export const handler = async (event) => ({ ok: true, event });`;

describe("function management through the AWS SDK", () => {
  it("creates, reads, lists, updates and deletes a function", async () => {
    const name = uniqueName();
    const zip = zipOf(code);
    const created = await t.lambda.send(
      new CreateFunctionCommand({
        FunctionName: name,
        Runtime: "nodejs20.x" as const,
        Role: "arn:aws:iam::000000000000:role/x",
        Handler: "index.handler",
        Code: { ZipFile: zip },
        Description: "first",
        Timeout: 10,
        MemorySize: 256,
        Environment: { Variables: { A: "1" } },
      }),
    );
    expect(created.FunctionName).toBe(name);
    expect(created.CodeSha256).toBe(createHash("sha256").update(zip).digest("base64"));
    expect(created.CodeSize).toBe(zip.byteLength);
    expect(created.Timeout).toBe(10);
    expect(created.MemorySize).toBe(256);
    expect(created.State).toBe("Active");
    expect(created.FunctionArn).toBe(`arn:aws:lambda:us-east-1:000000000000:function:${name}`);
    expect(created.LastModified).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);

    const got = await t.lambda.send(new GetFunctionCommand({ FunctionName: name }));
    expect(got.Configuration?.Environment?.Variables).toEqual({ A: "1" });
    expect(got.Code?.Location).toContain(`/nimbus/code/${name}.zip`);
    const download = await fetch(got.Code!.Location!);
    expect(Buffer.from(await download.arrayBuffer()).equals(Buffer.from(zip))).toBe(true);

    const byArn = await t.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: created.FunctionArn }));
    expect(byArn.FunctionName).toBe(name);

    const updated = await t.lambda.send(
      new UpdateFunctionConfigurationCommand({ FunctionName: name, Timeout: 30, Description: "second" }),
    );
    expect(updated.Timeout).toBe(30);
    expect(updated.Description).toBe("second");
    expect(updated.MemorySize).toBe(256);

    const newZip = zipOf(`export const handler = async () => 2;`);
    const recoded = await t.lambda.send(new UpdateFunctionCodeCommand({ FunctionName: name, ZipFile: newZip }));
    expect(recoded.CodeSha256).toBe(createHash("sha256").update(newZip).digest("base64"));

    await t.lambda.send(new DeleteFunctionCommand({ FunctionName: name }));
    await expect(t.lambda.send(new GetFunctionCommand({ FunctionName: name }))).rejects.toMatchObject({
      name: "ResourceNotFoundException",
      $metadata: { httpStatusCode: 404 },
    });
  });

  it("pages through ListFunctions with Marker and MaxItems", async () => {
    const prefix = uniqueName("page");
    for (let i = 0; i < 5; i++) {
      await t.lambda.send(
        new CreateFunctionCommand({
          FunctionName: `${prefix}-${i}`,
          Role: "r",
          Runtime: "nodejs20.x" as const,
          Handler: "index.handler",
          Code: { ZipFile: zipOf(code) },
        }),
      );
    }
    const seen: string[] = [];
    let marker: string | undefined;
    do {
      const page = await t.lambda.send(new ListFunctionsCommand({ MaxItems: 2, Marker: marker }));
      expect(page.Functions!.length).toBeLessThanOrEqual(2);
      seen.push(...page.Functions!.map((f) => f.FunctionName!));
      marker = page.NextMarker;
    } while (marker);
    expect(seen.filter((n) => n.startsWith(prefix))).toEqual([0, 1, 2, 3, 4].map((i) => `${prefix}-${i}`));
    expect(new Set(seen).size).toBe(seen.length);
  });

  it("refuses bad input with Lambda's error types and status codes", async () => {
    const name = uniqueName();
    const base = {
      FunctionName: name,
      Role: "r",
      Runtime: "nodejs20.x" as const,
      Handler: "index.handler",
      Code: { ZipFile: zipOf(code) },
    };
    await expect(t.lambda.send(new CreateFunctionCommand({ ...base, Timeout: 301 }))).rejects.toMatchObject({
      name: "InvalidParameterValueException",
      message: "Timeout must be between 1 and 300 seconds",
      $metadata: { httpStatusCode: 400 },
    });
    await expect(t.lambda.send(new CreateFunctionCommand({ ...base, MemorySize: 64 }))).rejects.toMatchObject({
      name: "InvalidParameterValueException",
    });
    await expect(
      t.lambda.send(new CreateFunctionCommand({ ...base, FunctionName: "bad name!" })),
    ).rejects.toMatchObject({ name: "InvalidParameterValueException" });
    await expect(
      t.lambda.send(new CreateFunctionCommand({ ...base, Environment: { Variables: { AWS_REGION: "x" } } })),
    ).rejects.toMatchObject({ message: expect.stringContaining("Reserved keys used in this request: AWS_REGION") });
    await expect(
      t.lambda.send(new CreateFunctionCommand({ ...base, Environment: { Variables: { "1BAD": "x" } } })),
    ).rejects.toMatchObject({ name: "InvalidParameterValueException" });
    await expect(
      t.lambda.send(new CreateFunctionCommand({ ...base, Code: { ZipFile: new TextEncoder().encode("not a zip") } })),
    ).rejects.toMatchObject({ message: expect.stringContaining("Could not unzip") });
    await expect(t.lambda.send(new CreateFunctionCommand({ ...base, Runtime: "python3.12" }))).rejects.toMatchObject({
      name: "InvalidParameterValueException",
    });
    // Nothing of the refused attempts was stored.
    await expect(t.lambda.send(new GetFunctionCommand({ FunctionName: name }))).rejects.toMatchObject({
      name: "ResourceNotFoundException",
    });
    await t.lambda.send(new CreateFunctionCommand(base));
    await expect(t.lambda.send(new CreateFunctionCommand(base))).rejects.toMatchObject({
      name: "ResourceConflictException",
      $metadata: { httpStatusCode: 409 },
    });
    await expect(
      t.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: name, Timeout: 0 })),
    ).rejects.toMatchObject({ name: "InvalidParameterValueException" });
    const after = await t.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: name }));
    expect(after.Timeout).toBe(3);
  });

  it("reserves, reads and removes concurrency within the account limit", async () => {
    const name = uniqueName();
    await t.lambda.send(
      new CreateFunctionCommand({
        FunctionName: name,
        Role: "r",
        Runtime: "nodejs20.x" as const,
        Handler: "index.handler",
        Code: { ZipFile: zipOf(code) },
      }),
    );
    expect(
      (await t.lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: name }))).ReservedConcurrentExecutions,
    ).toBeUndefined();
    const put = await t.lambda.send(
      new PutFunctionConcurrencyCommand({ FunctionName: name, ReservedConcurrentExecutions: 5 }),
    );
    expect(put.ReservedConcurrentExecutions).toBe(5);
    expect(
      (await t.lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: name }))).ReservedConcurrentExecutions,
    ).toBe(5);
    expect(
      (await t.lambda.send(new GetFunctionCommand({ FunctionName: name }))).Concurrency?.ReservedConcurrentExecutions,
    ).toBe(5);
    await expect(
      t.lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: name, ReservedConcurrentExecutions: 1000 })),
    ).rejects.toMatchObject({
      name: "InvalidParameterValueException",
      message: expect.stringContaining("UnreservedConcurrentExecution"),
    });
    const settings = await t.lambda.send(new GetAccountSettingsCommand({}));
    expect(settings.AccountLimit?.ConcurrentExecutions).toBe(100);
    await t.lambda.send(new DeleteFunctionConcurrencyCommand({ FunctionName: name }));
    expect(
      (await t.lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: name }))).ReservedConcurrentExecutions,
    ).toBeUndefined();
  });
});

describe("code at rest", () => {
  it("is stored sealed, and a tampered package is refused, never run", async () => {
    const name = uniqueName("sealed");
    await t.lambda.send(
      new CreateFunctionCommand({
        FunctionName: name,
        Role: "r",
        Runtime: "nodejs20.x",
        Handler: "index.handler",
        Code: { ZipFile: zipOf(`export const handler = async () => "the secret recipe";`) },
      }),
    );
    const pool = t.srv.platform.db.pool;
    const row = (
      await pool.query(
        `SELECT p.zip FROM code_packages p JOIN functions f ON f."codeSha256" = p.sha256 WHERE f.name = $1`,
        [name],
      )
    ).rows[0];
    expect(row.zip.subarray(0, 4).toString()).toBe("NBE2");
    expect(row.zip.includes(Buffer.from("index.mjs"))).toBe(false); // not even the file names show
    // Alter the stored bytes directly in PostgreSQL, then ask a server that has not cached the code.
    await pool.query(
      `UPDATE code_packages SET zip = set_byte(zip, length(zip) - 1, get_byte(zip, length(zip) - 1) # 1) WHERE sha256 = (SELECT "codeSha256" FROM functions WHERE name = $1)`,
      [name],
    );
    const other = await startTestServer();
    try {
      const r = await lambdaClient(other.url).send(new InvokeCommand({ FunctionName: name }));
      expect(r.FunctionError).toBe("Unhandled");
      const body = JSON.parse(new TextDecoder().decode(r.Payload));
      expect(body.errorType).toBe("Sandbox.CodeUnavailable");
      expect(body.errorMessage).toMatch(/does not decrypt/);
      expect(JSON.stringify(body)).not.toContain("the secret recipe");
      await expect(lambdaClient(other.url).send(new GetFunctionCommand({ FunctionName: name }))).resolves.toBeDefined();
      const download = await signedFetch(`${other.url}/nimbus/code/${name}.zip`);
      expect(download.status).toBe(500);
      expect(await download.text()).toMatch(/failed its integrity check/);
    } finally {
      await other.close();
    }
  });
});
