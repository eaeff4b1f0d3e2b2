/**
 * Requests to function URLs: both address forms, AWS's 2.0 event, response inference, errors,
 * CORS answered by Nimbus, AuthType NONE behind the resource policy, AWS_IAM with SigV4, records.
 */
import { describe, expect, it } from "vitest";
import {
  AddPermissionCommand,
  CreateFunctionUrlConfigCommand,
  DeleteFunctionUrlConfigCommand,
  PutFunctionConcurrencyCommand,
  UpdateFunctionUrlConfigCommand,
} from "@aws-sdk/client-lambda";
import { listInvocations } from "@/lib/logs/invocations";
import { deployFunction, signRequest, startTestServer, testServer } from "@/test/server";
import { httpRequest, urlParts } from "@/test/urls/helpers";

const t = testServer();
const ECHO = `export const handler = async (e) => ({ statusCode: 200, headers: { "content-type": "application/json" }, body: JSON.stringify(e) });`;

async function publicUrl(source: string, cors?: Record<string, unknown>, timeout?: number) {
  const name = await deployFunction(t.lambda, source, { prefix: "urlfn", timeout });
  const cfg = await t.lambda.send(
    new CreateFunctionUrlConfigCommand({ FunctionName: name, AuthType: "NONE", Cors: cors }),
  );
  await t.lambda.send(
    new AddPermissionCommand({
      FunctionName: name,
      StatementId: "FunctionURLAllowPublicAccess",
      Action: "lambda:InvokeFunctionUrl",
      Principal: "*",
      FunctionUrlAuthType: "NONE",
    }),
  );
  return { name, ...urlParts(cfg.FunctionUrl!) };
}

describe("function URL requests", () => {
  it("give the function API Gateway's 2.0 event, by host and by path", async () => {
    const u = await publicUrl(ECHO);
    const res = await httpRequest(t.srv.port, {
      method: "POST",
      host: u.host,
      target: "/orders/42?x=1&y=2&x=3",
      headers: {
        "content-type": "application/json",
        cookie: "a=1; nimbus_session=console-secret; b=2",
        "x-nimbus-csrf": "console-csrf",
        "x-multi": ["one", "two"],
        "user-agent": "test-agent",
        // Not from a trusted proxy: replaced, so a function may trust what it reads there.
        "x-forwarded-for": "203.0.113.9",
        "x-forwarded-proto": "https",
      },
      body: '{"n":1}',
    });
    expect(res.status).toBe(200);
    const e = JSON.parse(res.body);
    expect(e).toMatchObject({
      version: "2.0",
      routeKey: "$default",
      rawPath: "/orders/42",
      rawQueryString: "x=1&y=2&x=3",
      cookies: ["a=1", "b=2"],
      queryStringParameters: { x: "1,3", y: "2" },
      body: '{"n":1}',
      isBase64Encoded: false,
      requestContext: {
        accountId: "anonymous",
        apiId: u.urlId,
        domainName: u.host.replace(/:\d+$/, ""),
        domainPrefix: u.urlId,
        http: {
          method: "POST",
          path: "/orders/42",
          protocol: "HTTP/1.1",
          sourceIp: "127.0.0.1",
          userAgent: "test-agent",
        },
        routeKey: "$default",
        stage: "$default",
        requestId: res.headers["x-amzn-requestid"],
        time: expect.stringMatching(/^\d\d\/\w{3}\/\d{4}:\d\d:\d\d:\d\d \+0000$/),
        timeEpoch: expect.any(Number),
      },
    });
    expect(e.headers["x-multi"]).toBe("one,two");
    expect(e.headers).toMatchObject({
      "x-forwarded-for": "127.0.0.1",
      "x-forwarded-proto": "http",
      "x-forwarded-port": String(t.srv.port),
    });
    expect(e.headers.cookie).toBeUndefined();
    // The console's own session cookie and CSRF header never reach a function.
    expect(JSON.stringify(e)).not.toContain("console-secret");
    expect(e.headers["x-nimbus-csrf"]).toBeUndefined();
    // The path form reaches the same function, with the path after the url id.
    const byPath = await fetch(`${t.srv.url}/lambda-url/${u.urlId}/a/b?q=1`, {
      method: "PUT",
      body: Buffer.from([0, 1, 2, 255]),
      headers: { "content-type": "application/octet-stream" },
    });
    const e2 = (await byPath.json()) as {
      rawPath: string;
      rawQueryString: string;
      body: string;
      isBase64Encoded: boolean;
      requestContext: { http: { method: string } };
    };
    expect(e2).toMatchObject({
      rawPath: "/a/b",
      rawQueryString: "q=1",
      isBase64Encoded: true,
      requestContext: { http: { method: "PUT" } },
    });
    expect(Buffer.from(e2.body, "base64")).toEqual(Buffer.from([0, 1, 2, 255]));
  });

  it("take host, client, scheme and port from a trusted reverse proxy only", async () => {
    const proxied = await startTestServer({ NIMBUS_TRUSTED_PROXIES: "127.0.0.1" });
    try {
      const u = await publicUrl(ECHO);
      const res = await httpRequest(proxied.port, {
        host: "proxy.internal:8080",
        target: "/via-proxy",
        headers: {
          "x-forwarded-host": `${u.urlId}.lambda-url.us-east-1.fn.example.com`,
          "x-forwarded-for": "203.0.113.9, 127.0.0.1",
          "x-forwarded-proto": "https",
          "x-forwarded-port": "443",
        },
      });
      expect(res.status).toBe(200);
      const e = JSON.parse(res.body);
      expect(e.rawPath).toBe("/via-proxy");
      expect(e.requestContext).toMatchObject({
        domainName: `${u.urlId}.lambda-url.us-east-1.fn.example.com`,
        http: { sourceIp: "203.0.113.9" },
      });
      expect(e.headers).toMatchObject({
        "x-forwarded-for": "203.0.113.9",
        "x-forwarded-proto": "https",
        "x-forwarded-port": "443",
      });
      // The server without trusted proxies ignores X-Forwarded-Host: that request is not a URL's.
      const direct = await httpRequest(t.srv.port, {
        host: "proxy.internal:8080",
        target: "/via-proxy",
        headers: { "x-forwarded-host": `${u.urlId}.lambda-url.us-east-1.fn.example.com` },
      });
      expect(direct.status).not.toBe(200);
    } finally {
      await proxied.close();
    }
  });

  it("turn the function's result into the response as function URLs infer it", async () => {
    const u = await publicUrl(`export const handler = async (e) => {
      const q = e.queryStringParameters?.kind;
      if (q === "full") return { statusCode: 201, headers: { "x-made": "yes", "content-type": "text/plain" }, cookies: ["s=1; Path=/", "t=2"], body: "created" };
      if (q === "b64") return { statusCode: 200, headers: { "content-type": "image/png" }, body: Buffer.from([137, 80, 78, 71]).toString("base64"), isBase64Encoded: true };
      if (q === "string") return "just text";
      if (q === "throw") throw new Error("boom");
      if (q === "bad") return { statusCode: "nope" };
      return { hello: "world" };
    };`);
    const get = (kind: string) => httpRequest(t.srv.port, { host: u.host, target: `/?kind=${kind}` });
    const full = await get("full");
    expect(full).toMatchObject({
      status: 201,
      body: "created",
      headers: { "x-made": "yes", "content-type": "text/plain", "set-cookie": ["s=1; Path=/", "t=2"] },
    });
    const plain = await get("object");
    expect(plain).toMatchObject({
      status: 200,
      body: '{"hello":"world"}',
      headers: { "content-type": "application/json" },
    });
    expect((await get("string")).body).toBe("just text");
    const png = await fetch(`${t.srv.url}/lambda-url/${u.urlId}/?kind=b64`);
    expect(Buffer.from(await png.arrayBuffer())).toEqual(Buffer.from([137, 80, 78, 71]));
    expect(await get("throw")).toMatchObject({ status: 502, body: '{"Message":"Internal Server Error"}' });
    expect((await get("bad")).status).toBe(502);
  });

  it("answer timeouts with 502, throttles with 429, bodies over 6 MB with 413", async () => {
    const slow = await publicUrl(`export const handler = async () => { while (true) {} };`, undefined, 1);
    expect((await httpRequest(t.srv.port, { host: slow.host, target: "/" })).status).toBe(502);
    const busy = await publicUrl(ECHO);
    await t.lambda.send(
      new PutFunctionConcurrencyCommand({ FunctionName: busy.name, ReservedConcurrentExecutions: 0 }),
    );
    expect(await httpRequest(t.srv.port, { host: busy.host, target: "/" })).toMatchObject({ status: 429 });
    const big = await publicUrl(ECHO);
    const res = await httpRequest(t.srv.port, {
      method: "POST",
      host: big.host,
      target: "/",
      body: Buffer.alloc(6 * 1024 * 1024 + 1, 97),
    });
    expect(res.status).toBe(413);
  });

  it("need the public statement for AuthType NONE, and a SigV4 signature for AWS_IAM", async () => {
    const name = await deployFunction(t.lambda, ECHO, { prefix: "urlauth" });
    const cfg = await t.lambda.send(new CreateFunctionUrlConfigCommand({ FunctionName: name, AuthType: "NONE" }));
    const u = urlParts(cfg.FunctionUrl!);
    expect(await httpRequest(t.srv.port, { host: u.host, target: "/" })).toMatchObject({
      status: 403,
      body: '{"Message":"Forbidden"}',
    });
    await t.lambda.send(
      new AddPermissionCommand({
        FunctionName: name,
        StatementId: "pub",
        Action: "lambda:InvokeFunctionUrl",
        Principal: "*",
        FunctionUrlAuthType: "NONE",
      }),
    );
    expect((await httpRequest(t.srv.port, { host: u.host, target: "/" })).status).toBe(200);
    await t.lambda.send(new UpdateFunctionUrlConfigCommand({ FunctionName: name, AuthType: "AWS_IAM" }));
    expect((await httpRequest(t.srv.port, { host: u.host, target: "/" })).status).toBe(403);
    const headers = await signRequest({ method: "GET", host: u.host, path: "/signed", query: { a: "1" } });
    const signed = await httpRequest(t.srv.port, { host: u.host, target: "/signed?a=1", headers });
    expect(signed.status).toBe(200);
    expect(JSON.parse(signed.body).requestContext).toMatchObject({
      accountId: "000000000000",
      authorizer: { iam: { accessKey: headers.authorization!.match(/Credential=(\w+)\//)![1] } },
    });
    await t.lambda.send(new DeleteFunctionUrlConfigCommand({ FunctionName: name }));
    expect((await httpRequest(t.srv.port, { host: u.host, target: "/" })).status).toBe(403);
    expect(
      (await httpRequest(t.srv.port, { host: `${"a".repeat(32)}.lambda-url.us-east-1.localhost`, target: "/" })).status,
    ).toBe(403);
  });

  it("answer CORS preflights themselves and add the allow headers", async () => {
    const u = await publicUrl(
      `export const handler = async () => ({ statusCode: 200, headers: { "access-control-allow-origin": "https://evil.example" }, body: "ok" });`,
      {
        AllowOrigins: ["https://app.example"],
        AllowMethods: ["GET", "POST"],
        AllowHeaders: ["x-token"],
        ExposeHeaders: ["x-made"],
        MaxAge: 300,
      },
    );
    const before = await t.srv.platform.db.pool.query(
      `SELECT count(*)::int AS n FROM invocations WHERE "functionName" = $1`,
      [u.name],
    );
    const pre = await httpRequest(t.srv.port, {
      method: "OPTIONS",
      host: u.host,
      target: "/",
      headers: { origin: "https://app.example", "access-control-request-method": "POST" },
    });
    expect(pre).toMatchObject({
      status: 200,
      headers: {
        "access-control-allow-origin": "https://app.example",
        "access-control-allow-methods": "GET,POST",
        "access-control-allow-headers": "x-token",
        "access-control-max-age": "300",
      },
    });
    const res = await httpRequest(t.srv.port, {
      host: u.host,
      target: "/",
      headers: { origin: "https://app.example" },
    });
    expect(res.headers["access-control-allow-origin"]).toBe("https://app.example");
    expect(res.headers["access-control-expose-headers"]).toBe("x-made");
    const other = await httpRequest(t.srv.port, {
      host: u.host,
      target: "/",
      headers: { origin: "https://evil.example" },
    });
    expect(other.headers["access-control-allow-origin"]).toBeUndefined();
    await t.srv.platform.writer.flush();
    const after = await t.srv.platform.db.pool.query(
      `SELECT count(*)::int AS n FROM invocations WHERE "functionName" = $1`,
      [u.name],
    );
    expect(after.rows[0].n - before.rows[0].n).toBe(2); // the preflight ran nothing
  });

  it("are recorded like any invocation: trigger url, method, path and status", async () => {
    const u = await publicUrl(
      `export const handler = async (e) => { console.log("hit", e.rawPath); return { statusCode: 418, body: "teapot" }; };`,
    );
    const res = await httpRequest(t.srv.port, { method: "DELETE", host: u.host, target: "/cups/1" });
    expect(res.status).toBe(418);
    await t.srv.platform.writer.flush();
    const rows = await t.srv.platform.db.pool.query(
      `SELECT trigger, "httpMethod", "httpPath", "httpStatus", (SELECT message FROM log_lines l WHERE l."requestId" = i."requestId" LIMIT 1) AS line
       FROM invocations i WHERE "requestId" = $1`,
      [res.headers["x-amzn-requestid"]],
    );
    expect(rows.rows).toEqual([
      { trigger: "url", httpMethod: "DELETE", httpPath: "/cups/1", httpStatus: 418, line: "hit /cups/1" },
    ]);
    // The console's invocation list shows them.
    const fn = await t.srv.platform.db.pool.query(`SELECT id FROM functions WHERE name = $1`, [u.name]);
    const page = await listInvocations(t.srv.platform.db.pool, { functionId: fn.rows[0].id });
    expect(page.items[0]).toMatchObject({ trigger: "url", http: { method: "DELETE", path: "/cups/1", status: 418 } });
  });

  it("stop serving at once on every server when the URL changes", async () => {
    const other = await startTestServer();
    try {
      const u = await publicUrl(ECHO);
      expect((await httpRequest(other.port, { host: u.host, target: "/" })).status).toBe(200);
      await t.lambda.send(new UpdateFunctionUrlConfigCommand({ FunctionName: u.name, AuthType: "AWS_IAM" }));
      await expect
        .poll(async () => (await httpRequest(other.port, { host: u.host, target: "/" })).status, {
          timeout: 5000,
          interval: 50,
        })
        .toBe(403);
    } finally {
      await other.close();
    }
  });
});
