import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { CreateFunctionCommand, GetFunctionCommand, InvokeCommand, ListFunctionsCommand } from "@aws-sdk/client-lambda";
import { SignatureV4 } from "@smithy/signature-v4";
import { NodeSha256 } from "@/lib/aws/sigv4/node-sha256";
import { createAccessKey, deleteAccessKey, listAccessKeys, updateAccessKeyStatus } from "@/lib/services/access-keys";
import {
  lambdaClient,
  signedFetch,
  startTestServer,
  TEST_CREDENTIALS,
  testDatabaseUrl,
  uniqueName,
  testServer,
  zipOf,
} from "@/test/server";

const t = testServer();

async function deploy(name: string) {
  await t.lambda.send(
    new CreateFunctionCommand({
      FunctionName: name,
      Role: "r",
      Runtime: "nodejs20.x",
      Handler: "index.handler",
      Code: { ZipFile: zipOf(`export const handler = async (e) => ({ got: e });`) },
    }),
  );
}

const invokeUrl = (base: string, name: string) => `${base}/2015-03-31/functions/${name}/invocations`;

async function awsError(r: Response): Promise<{ status: number; type: string | null; message: string }> {
  const body = (await r.json()) as { message: string };
  return { status: r.status, type: r.headers.get("x-amzn-errortype"), message: body.message };
}

/** A fresh database on the test server (for tests that need an empty or privately rotated key table). */
async function freshDatabase(): Promise<string> {
  const url = new URL(testDatabaseUrl());
  const name = `nimbus_keys_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: url.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  url.pathname = `/${name}`;
  return url.toString();
}

describe("SigV4 on the Lambda API", () => {
  it("refuses an unsigned request with MissingAuthenticationTokenException (403)", async () => {
    const r = await fetch(`${t.srv.url}/2015-03-31/functions/`);
    expect(await awsError(r)).toEqual({
      status: 403,
      type: "MissingAuthenticationTokenException",
      message: "Missing Authentication Token",
    });
    const inv = await fetch(invokeUrl(t.srv.url, "anything"), { method: "POST", body: "{}" });
    expect(inv.status).toBe(403);
  });

  it("a wrong secret is InvalidSignatureException through the SDK", async () => {
    const bad = lambdaClient(t.srv.url, { ...TEST_CREDENTIALS, secretAccessKey: "x".repeat(40) });
    await expect(bad.send(new ListFunctionsCommand({}))).rejects.toMatchObject({
      name: "InvalidSignatureException",
      message: expect.stringMatching(/^The request signature we calculated does not match the signature you provided/),
      $metadata: { httpStatusCode: 403 },
    });
  });

  it("an unknown key is UnrecognizedClientException, saying where this server's keys are", async () => {
    const unknown = lambdaClient(t.srv.url, { accessKeyId: "NIMBNOSUCHKEY0000000", secretAccessKey: "y".repeat(40) });
    await expect(unknown.send(new ListFunctionsCommand({}))).rejects.toMatchObject({
      name: "UnrecognizedClientException",
      message: expect.stringMatching(
        /^The security token included in the request is invalid\. Nimbus has no active access key NIMBNOSUCHKEY0000000\. .*credentials on first start.*Access keys/,
      ),
    });
    // LocalStack's habit: AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test.
    const localstack = lambdaClient(t.srv.url, { accessKeyId: "test", secretAccessKey: "test" });
    await expect(localstack.send(new ListFunctionsCommand({}))).rejects.toMatchObject({
      name: "UnrecognizedClientException",
      message: expect.stringContaining(
        '"test" is a placeholder other emulators accept; Nimbus checks every signature.',
      ),
    });
  });

  it("a body changed after signing is refused, the signed one runs", async () => {
    const name = uniqueName("tamper");
    await deploy(name);
    const u = new URL(invokeUrl(t.srv.url, name));
    const signer = new SignatureV4({
      service: "lambda",
      region: "us-east-1",
      credentials: TEST_CREDENTIALS,
      sha256: NodeSha256,
    });
    const body = JSON.stringify({ amount: 1 });
    const signed = await signer.sign({
      method: "POST",
      protocol: "http:",
      hostname: u.hostname,
      port: Number(u.port),
      path: u.pathname,
      query: {},
      headers: { host: u.host, "content-type": "application/json" },
      body,
    });
    const { host: _h, ...headers } = signed.headers;
    const tampered = await fetch(u, { method: "POST", headers, body: JSON.stringify({ amount: 1000 }) });
    expect(await awsError(tampered)).toMatchObject({ status: 403, type: "InvalidSignatureException" });
    const ok = await fetch(u, { method: "POST", headers, body });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ got: { amount: 1 } });
  });

  it("a signature 16 minutes old has expired; 14 minutes is within the skew", async () => {
    const old = await signedFetch(
      `${t.srv.url}/2015-03-31/functions/`,
      {},
      { signingDate: new Date(Date.now() - 16 * 60_000) },
    );
    const e = await awsError(old);
    expect(e).toMatchObject({ status: 403, type: "InvalidSignatureException" });
    expect(e.message).toMatch(
      /^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 15 min\.\)$/,
    );
    expect(
      (await signedFetch(`${t.srv.url}/2015-03-31/functions/`, {}, { signingDate: new Date(Date.now() - 14 * 60_000) }))
        .status,
    ).toBe(200);
    // And through the SDK, with its clock 16 minutes behind.
    const late = lambdaClient(t.srv.url, TEST_CREDENTIALS, { systemClockOffset: -16 * 60_000 });
    await expect(late.send(new ListFunctionsCommand({}))).rejects.toMatchObject({
      name: "InvalidSignatureException",
      message: expect.stringMatching(/^Signature expired/),
    });
  });

  it("refuses a credential scoped to another region or service", async () => {
    const region = await awsError(await signedFetch(`${t.srv.url}/2015-03-31/functions/`, {}, { region: "eu-west-1" }));
    expect(region).toEqual({
      status: 403,
      type: "InvalidSignatureException",
      message: "Credential should be scoped to a valid region, not 'eu-west-1'. ",
    });
    const service = await awsError(await signedFetch(`${t.srv.url}/2015-03-31/functions/`, {}, { service: "s3" }));
    expect(service).toEqual({
      status: 403,
      type: "InvalidSignatureException",
      message: "Credential should be scoped to correct service: 'lambda'. ",
    });
    await expect(
      lambdaClient(t.srv.url, TEST_CREDENTIALS, { region: "us-west-2" }).send(new ListFunctionsCommand({})),
    ).rejects.toMatchObject({ name: "InvalidSignatureException" });
  });

  it("a malformed Authorization header is IncompleteSignatureException (400)", async () => {
    const r = await fetch(`${t.srv.url}/2015-03-31/functions/`, {
      headers: { Authorization: "AWS4-HMAC-SHA256 Credential=abc", "X-Amz-Date": "20260101T000000Z" },
    });
    expect(await awsError(r)).toMatchObject({ status: 400, type: "IncompleteSignatureException" });
  });

  it("GetFunction's Code.Location is presigned; altering or unsigning it is refused", async () => {
    const name = uniqueName("presign");
    await deploy(name);
    const loc = (await t.lambda.send(new GetFunctionCommand({ FunctionName: name }))).Code!.Location!;
    expect(loc).toMatch(/X-Amz-Signature=[0-9a-f]{64}/);
    expect((await fetch(loc)).status).toBe(200);
    expect((await fetch(loc.replace(/X-Amz-Expires=\d+/, "X-Amz-Expires=86400"))).status).toBe(403);
    expect((await fetch(loc.split("?")[0]!)).status).toBe(403);
  });

  it("keys made by the service: work with the SDK, deactivated → refused (on every server), reactivated → work, deleted → refused", async () => {
    const ctx = t.srv.platform.services;
    const name = uniqueName("keys");
    await deploy(name);
    const { key, secretAccessKey } = await createAccessKey(ctx, { description: "ci" });
    expect(key.accessKeyId).toMatch(/^NIMB[A-Z2-7]{16}$/);
    expect(secretAccessKey).toHaveLength(40);
    const other = await startTestServer();
    try {
      const here = lambdaClient(t.srv.url, { accessKeyId: key.accessKeyId, secretAccessKey });
      const there = lambdaClient(other.url, { accessKeyId: key.accessKeyId, secretAccessKey });
      expect((await here.send(new InvokeCommand({ FunctionName: name }))).StatusCode).toBe(200);
      expect((await there.send(new InvokeCommand({ FunctionName: name }))).StatusCode).toBe(200); // now cached there too

      await updateAccessKeyStatus(ctx, key.accessKeyId, { status: "Inactive" });
      await expect(here.send(new InvokeCommand({ FunctionName: name }))).rejects.toMatchObject({
        name: "UnrecognizedClientException",
      });
      // The other server hears it through NOTIFY within a few seconds (its cache would keep it a minute).
      await expect
        .poll(
          () =>
            there.send(new InvokeCommand({ FunctionName: name })).then(
              () => "ok",
              (e: Error) => e.name,
            ),
          { timeout: 5000, interval: 100 },
        )
        .toBe("UnrecognizedClientException");

      await updateAccessKeyStatus(ctx, key.accessKeyId, { status: "Active" });
      expect((await here.send(new InvokeCommand({ FunctionName: name }))).StatusCode).toBe(200);
      await expect
        .poll(
          () =>
            there.send(new InvokeCommand({ FunctionName: name })).then(
              () => "ok",
              (e: Error) => e.name,
            ),
          { timeout: 5000, interval: 100 },
        )
        .toBe("ok");

      const listed = (await listAccessKeys(ctx)).find((k) => k.accessKeyId === key.accessKeyId)!;
      expect(listed).toMatchObject({ status: "Active", root: false, description: "ci" });
      expect(JSON.stringify(await listAccessKeys(ctx))).not.toContain(secretAccessKey);

      await deleteAccessKey(ctx, key.accessKeyId);
      await expect(here.send(new InvokeCommand({ FunctionName: name }))).rejects.toMatchObject({
        name: "UnrecognizedClientException",
      });
    } finally {
      await other.close();
    }
    await expect(updateAccessKeyStatus(ctx, key.accessKeyId, { status: "Active" })).rejects.toMatchObject({
      code: "ResourceNotFoundException",
    });
    await expect(updateAccessKeyStatus(ctx, key.accessKeyId, { status: "Paused" })).rejects.toMatchObject({
      code: "InvalidParameterValueException",
    });
    await expect(deleteAccessKey(ctx, TEST_CREDENTIALS.accessKeyId)).rejects.toMatchObject({
      code: "ResourceConflictException",
    });
  });

  it("stores secrets as ciphertext and records last use lazily", async () => {
    const ctx = t.srv.platform.services;
    const { key, secretAccessKey } = await createAccessKey(ctx, {});
    await lambdaClient(t.srv.url, { accessKeyId: key.accessKeyId, secretAccessKey }).send(new ListFunctionsCommand({}));
    const pool = new pg.Pool({ connectionString: testDatabaseUrl() });
    try {
      const row = (
        await pool.query(`SELECT "secretCipher", "lastUsedAt" FROM access_keys WHERE id = $1`, [key.accessKeyId])
      ).rows[0];
      expect(row.secretCipher.subarray(0, 4).toString()).toBe("NBS2");
      expect(row.secretCipher.includes(Buffer.from(secretAccessKey))).toBe(false);
      expect(row.lastUsedAt).toBeNull(); // not written on the request path
      await t.srv.platform.accessKeys.flushUsed();
      const after = (await pool.query(`SELECT "lastUsedAt" FROM access_keys WHERE id = $1`, [key.accessKeyId])).rows[0];
      expect(after.lastUsedAt).toBeInstanceOf(Date);
    } finally {
      await pool.end();
    }
  });
});

describe("root access key at start", () => {
  it("rotates the root key from the environment at restart; a previous root id is deactivated", async () => {
    const db = await freshDatabase();
    const id = "NIMBROTATEROOT000001";
    const s1 = "a".repeat(40);
    const s2 = "b".repeat(40);
    let srv = await startTestServer({
      DATABASE_URL: db,
      NIMBUS_ROOT_ACCESS_KEY_ID: id,
      NIMBUS_ROOT_SECRET_ACCESS_KEY: s1,
    });
    await expect(
      lambdaClient(srv.url, { accessKeyId: id, secretAccessKey: s1 }).send(new ListFunctionsCommand({})),
    ).resolves.toBeDefined();
    await srv.close();

    srv = await startTestServer({ DATABASE_URL: db, NIMBUS_ROOT_ACCESS_KEY_ID: id, NIMBUS_ROOT_SECRET_ACCESS_KEY: s2 });
    await expect(
      lambdaClient(srv.url, { accessKeyId: id, secretAccessKey: s1 }).send(new ListFunctionsCommand({})),
    ).rejects.toMatchObject({ name: "InvalidSignatureException" });
    await expect(
      lambdaClient(srv.url, { accessKeyId: id, secretAccessKey: s2 }).send(new ListFunctionsCommand({})),
    ).resolves.toBeDefined();
    await srv.close();

    const id2 = "NIMBROTATEROOT000002";
    srv = await startTestServer({
      DATABASE_URL: db,
      NIMBUS_ROOT_ACCESS_KEY_ID: id2,
      NIMBUS_ROOT_SECRET_ACCESS_KEY: s1,
    });
    try {
      await expect(
        lambdaClient(srv.url, { accessKeyId: id, secretAccessKey: s2 }).send(new ListFunctionsCommand({})),
      ).rejects.toMatchObject({ name: "UnrecognizedClientException" });
      await expect(
        lambdaClient(srv.url, { accessKeyId: id2, secretAccessKey: s1 }).send(new ListFunctionsCommand({})),
      ).resolves.toBeDefined();
      const keys = await listAccessKeys(srv.platform.services);
      expect(keys.map((k) => [k.accessKeyId, k.status, k.root]).sort()).toEqual([
        [id, "Inactive", true],
        [id2, "Active", true],
      ]);
    } finally {
      await srv.close();
    }
  });

  it("without a configured key and with none active, generates one into <data>/credentials (0600) that works", async () => {
    const db = await freshDatabase();
    const lines: string[] = [];
    const srv = await startTestServer(
      { DATABASE_URL: db, NIMBUS_ROOT_ACCESS_KEY_ID: "", NIMBUS_ROOT_SECRET_ACCESS_KEY: "" },
      (m) => lines.push(m),
    );
    try {
      const file = path.join(srv.settings.dataDir, "credentials");
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const text = readFileSync(file, "utf8");
      const accessKeyId = /aws_access_key_id = (\S+)/.exec(text)![1]!;
      const secretAccessKey = /aws_secret_access_key = (\S+)/.exec(text)![1]!;
      expect(text.startsWith("[default]\n")).toBe(true);
      expect(lines.filter((l) => l.includes(file))).toEqual([
        expect.stringContaining(
          `AWS_SHARED_CREDENTIALS_FILE=${file} aws lambda list-functions --endpoint-url http://localhost:`,
        ),
      ]);
      await expect(
        lambdaClient(srv.url, { accessKeyId, secretAccessKey }).send(new ListFunctionsCommand({})),
      ).resolves.toBeDefined();
      expect(await listAccessKeys(srv.platform.services)).toEqual([
        expect.objectContaining({ accessKeyId, root: true, status: "Active" }),
      ]);
    } finally {
      await srv.close();
    }
  });
});
