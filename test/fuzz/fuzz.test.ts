/**
 * Malformed input at every API route: the Lambda API over HTTP (signed, so the input reaches
 * the handlers, and unsigned), and every console route handler under app/api called directly
 * (the sign-in gate in front of them has its own tests). No answer may be a 500, and none may
 * carry a stack trace or a file path. Inputs come from a seeded generator (the seed is in the
 * test name) plus fixed nasty cases; a failure lists the exact request.
 */
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AddPermissionCommand, CreateFunctionCommand, CreateFunctionUrlConfigCommand } from "@aws-sdk/client-lambda";
import { uniqueName, testServer, zipOf } from "@/test/server";
import {
  deployFuzzTarget,
  enc,
  NAMES,
  newTally,
  sendAndCheck,
  pick,
  rand,
  randomBody,
  randomString,
  randomValue,
  raw,
  SEED,
  STACK,
  sign,
  type Sent,
} from "@/test/fuzz/inputs";

const t = testServer();

function lambdaRoutes(name: string): [string, string][] {
  const n = enc(name);
  return [
    ["POST", "/2015-03-31/functions"],
    ["GET", `/2015-03-31/functions?MaxItems=${pick(["-1", "0", "abc", "100000", ""])}&Marker=${enc(randomString(20))}`],
    ["GET", `/2015-03-31/functions/${n}`],
    ["DELETE", `/2015-03-31/functions/${n}?Qualifier=${enc(randomString(8))}`],
    ["GET", `/2015-03-31/functions/${n}/configuration`],
    ["PUT", `/2015-03-31/functions/${n}/configuration`],
    ["PUT", `/2015-03-31/functions/${n}/code`],
    ["POST", `/2015-03-31/functions/${n}/invocations`],
    ["PUT", `/2017-10-31/functions/${n}/concurrency`],
    ["GET", `/2019-09-30/functions/${n}/concurrency`],
    ["DELETE", `/2017-10-31/functions/${n}/concurrency`],
    ["PUT", `/2019-09-25/functions/${n}/event-invoke-config`],
    ["GET", `/2019-09-25/functions/${n}/event-invoke-config/list?MaxItems=${pick(["0", "x", "51", ""])}`],
    ["GET", `/2020-06-30/functions/${n}/code-signing-config`],
    [
      pick(["POST", "GET"]),
      `/2015-03-31/functions/${n}/versions?Marker=${enc(randomString(6))}&MaxItems=${pick(["1", "0", "-3", "x"])}`,
    ],
    [
      pick(["GET", "DELETE"]),
      `/2015-03-31/functions/${n}${pick([":1", ":0", ":$LATEST", ""])}?Qualifier=${enc(pick(["1", "", "$LATEST", "99", randomString(8)]))}`,
    ],
    [
      pick(["GET", "POST", "DELETE"]),
      `/2017-03-31/tags/${enc(pick([`arn:aws:lambda:us-east-1:000000000000:function:${name}`, name, randomString(30)]))}?tagKeys=${enc(randomString(10))}`,
    ],
    [
      pick(["POST", "GET"]),
      `/2015-03-31/functions/${n}/aliases?FunctionVersion=${enc(randomString(4))}&MaxItems=${pick(["1", "0", "x"])}`,
    ],
    [
      pick(["GET", "PUT", "DELETE"]),
      `/2015-03-31/functions/${n}/aliases/${enc(pick(["live", "1", randomString(10)]))}`,
    ],
    ["GET", `/2021-07-20/functions/${n}/runtime-management-config?Qualifier=${enc(randomString(5))}`],
    ["POST", `/2019-09-25/functions/${n}/event-invoke-config`],
    ["GET", `/2019-09-25/functions/${n}/event-invoke-config`],
    ["DELETE", `/2019-09-25/functions/${n}/event-invoke-config`],
    ["GET", "/2016-08-19/account-settings"],
    [pick(["POST", "PUT", "GET", "DELETE"]), `/2021-10-31/functions/${n}/url?Qualifier=${enc(randomString(6))}`],
    ["GET", `/2021-10-31/functions/${n}/urls?MaxItems=${pick(["0", "51", "x", ""])}&Marker=${enc(randomString(9))}`],
    ["POST", `/2015-03-31/functions/${n}/policy?RevisionId=${enc(randomString(8))}`],
    ["GET", `/2015-03-31/functions/${n}/policy`],
    ["DELETE", `/2015-03-31/functions/${n}/policy/${enc(randomString(12))}`],
    ["GET", `/nimbus/code/${n}.zip`],
    [pick(["PATCH", "OPTIONS", "TRACE"]), `/2015-03-31/functions/${n}`],
    ["GET", `/2015-03-31/${enc(randomString(12))}`],
    // Percent-encodings that do not decode (raw, not escaped again).
    [
      pick(["GET", "DELETE", "PUT"]),
      `/2015-03-31/functions/${pick(["%ff", "%", "%E", "%ED%A0%80", "a%00b", "%C0%AF"])}${pick(["", "/configuration", "/code"])}`,
    ],
  ];
}

function randomLambdaHeaders(): Record<string, string> {
  const h: Record<string, string> = {};
  if (rand() < 0.5)
    h["content-type"] = pick([
      "application/json",
      "text/plain",
      "application/x-amz-json-1.1",
      "multipart/form-data; boundary=x",
      "",
    ]);
  if (rand() < 0.3) h["x-amz-invocation-type"] = pick(["Event", "RequestResponse", "DryRun", "Bogus", "", "event"]);
  if (rand() < 0.3) h["x-amz-log-type"] = pick(["Tail", "None", "tail", "x"]);
  if (rand() < 0.3)
    h["x-amz-client-context"] = pick([
      "not base64",
      Buffer.from("{").toString("base64"),
      "A".repeat(5000),
      Buffer.from(JSON.stringify({ custom: randomValue() })).toString("base64"),
    ]);
  return h;
}

describe(`fuzz (seed ${SEED})`, () => {
  it("the Lambda API answers malformed requests with 4xx and no stack trace", { timeout: 300_000 }, async () => {
    const port = t.srv.port;
    const target = await deployFuzzTarget(t.lambda, "fuzz");
    const tally = newTally();
    for (let round = 0; round < 40; round++) {
      for (const [method, routeTarget] of lambdaRoutes(rand() < 0.35 ? target : pick(NAMES))) {
        const req: Sent = {
          method,
          target: routeTarget,
          headers: randomLambdaHeaders(),
          body: method === "GET" || method === "DELETE" ? (rand() < 0.9 ? "" : randomBody()) : randomBody(),
        };
        // Mostly signed (the input must reach the handlers); sometimes not, or with garbage auth.
        const r = rand();
        const final =
          r < 0.85
            ? await sign(port, req)
            : r < 0.93
              ? req
              : {
                  ...req,
                  headers: {
                    ...req.headers,
                    authorization: pick([
                      "AWS4-HMAC-SHA256",
                      "AWS4-HMAC-SHA256 Credential=/,,,",
                      "Bearer x",
                      "AWS4-HMAC-SHA256 Credential=A/20260101/us-east-1/lambda/aws4_request, SignedHeaders=host, Signature=zz",
                    ]),
                  },
                };
        await sendAndCheck(port, final, tally);
      }
    }
    expect(tally.sent).toBeGreaterThan(700);
    // The inputs reached past the signature check into validation, lookups and the handlers.
    for (const s of [400, 403, 404]) expect(tally.statuses).toContain(s);
    expect([...tally.statuses].some((s) => s >= 200 && s < 300)).toBe(true);
    expect(tally.bad).toEqual([]);
    // The server is fine afterwards.
    expect(
      (
        await raw(
          port,
          await sign(port, { method: "GET", target: "/2016-08-19/account-settings", headers: {}, body: "" }),
        )
      ).status,
    ).toBe(200);
  });

  it("function URLs answer odd hosts, paths, methods, headers and bodies without a 5xx", {
    timeout: 300_000,
  }, async () => {
    const port = t.srv.port;
    const name = uniqueName("fuzz-url");
    await t.lambda.send(
      new CreateFunctionCommand({
        FunctionName: name,
        Role: "r",
        Runtime: "nodejs20.x",
        Handler: "index.handler",
        Code: { ZipFile: zipOf(`export const handler = async (e) => e;`) },
      }),
    );
    const { FunctionUrl } = await t.lambda.send(
      new CreateFunctionUrlConfigCommand({ FunctionName: name, AuthType: "NONE" }),
    );
    await t.lambda.send(
      new AddPermissionCommand({
        FunctionName: name,
        StatementId: "public",
        Action: "lambda:InvokeFunctionUrl",
        Principal: "*",
        FunctionUrlAuthType: "NONE",
      }),
    );
    const good = new URL(FunctionUrl!);
    const id = good.hostname.split(".")[0]!;
    const suffix = good.hostname.slice(id.length);
    const hosts = () =>
      pick([
        good.host,
        good.host.toUpperCase(),
        `${id}${suffix}`,
        `${"a".repeat(32)}${suffix}:${port}`,
        `${id.slice(1)}${suffix}:${port}`,
        `${id}.lambda-url.eu-west-9.localhost:${port}`,
        `${id}${suffix}:99999`,
        `${enc(randomString(40))}${suffix}`,
        `.${suffix}`,
        "",
      ]);
    const paths = () =>
      pick([
        "/",
        `/${enc(randomString(30))}`,
        `/${pick(["%ff", "%", "a%00b", "%ED%A0%80", "..%2f..%2fetc"])}?${pick(["a=1&a=2", "=", "&&", "%zz=1", "x=%ff"])}`,
        `/${"a/".repeat(2000)}`,
        `/?${"q=1&".repeat(3000)}`,
        "*",
      ]);
    const bad: string[] = [];
    const statuses = new Set<number>();
    let sent = 0;
    for (let i = 0; i < 300; i++) {
      const pathForm = rand() < 0.4;
      const headers: Record<string, string> = {
        host: pathForm ? `localhost:${port}` : hosts(),
      };
      if (rand() < 0.4)
        headers["content-type"] = pick(["application/json", "text/plain", "application/octet-stream", ""]);
      if (rand() < 0.2) headers.cookie = pick(["a=1; b", "=;=;", "x".repeat(6000), "nimbus_session=abc"]);
      if (rand() < 0.2) headers.origin = pick(["https://app.example", "null", enc(randomString(20))]);
      if (rand() < 0.1) headers["access-control-request-method"] = pick(["GET", "", "BOGUS"]);
      if (rand() < 0.1) headers["content-encoding"] = pick(["gzip", "br", "x"]);
      if (rand() < 0.1) headers["x-forwarded-host"] = hosts();
      if (rand() < 0.1) headers.authorization = pick(["AWS4-HMAC-SHA256 Credential=/,,,", "Bearer x", ""]);
      const method = pick(["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "PROPFIND", "TRACE"]);
      const target = pathForm
        ? pick([`/lambda-url/${id}`, `/lambda-url/${id}/`, `/lambda-url/${enc(randomString(32))}/`, "/lambda-url/"]) +
          paths().replace(/^\//, "")
        : paths();
      const req: Sent = { method, target, headers, body: method === "GET" || method === "HEAD" ? "" : randomBody() };
      const got = await raw(port, req).catch((e: Error) => ({ status: 0, text: e.message }));
      sent++;
      statuses.add(got.status);
      if (got.status >= 500 || got.status === 0 || STACK.test(got.text))
        bad.push(`${got.status} ← ${method} ${headers.host} ${target.slice(0, 120)} → ${got.text.slice(0, 200)}`);
    }
    expect(sent).toBe(300);
    for (const s of [200, 403]) expect(statuses).toContain(s);
    expect(bad).toEqual([]);
    // The URL still answers afterwards.
    expect((await raw(port, { method: "GET", target: "/ok", headers: { host: good.host }, body: "" })).status).toBe(
      200,
    );
  });

  it("every console route handler answers malformed requests with 4xx and no stack trace", {
    timeout: 300_000,
  }, async () => {
    const root = path.resolve(import.meta.dirname, "../../app/api");
    const files: string[] = [];
    const walk = (d: string) => {
      for (const e of readdirSync(d)) {
        const p = path.join(d, e);
        if (statSync(p).isDirectory()) walk(p);
        else if (e === "route.ts") files.push(p);
      }
    };
    walk(root);
    expect(files.length).toBeGreaterThan(20);
    const bad: string[] = [];
    let calls = 0;
    for (const file of files) {
      const mod = (await import(file)) as Record<string, unknown>;
      const segments = [...path.relative(root, path.dirname(file)).matchAll(/\[(\w+)\]/g)].map((m) => m[1]!);
      const urlPath = "/api/" + path.relative(root, path.dirname(file));
      for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"]) {
        const handler = mod[method] as
          | ((req: Request, c: { params: Promise<Record<string, string>> }) => Promise<Response>)
          | undefined;
        if (typeof handler !== "function") continue;
        for (let i = 0; i < 25; i++) {
          const params = Object.fromEntries(segments.map((s) => [s, rand() < 0.3 ? uniqueName("x") : pick(NAMES)]));
          const query = new URLSearchParams();
          for (let k = 0; k < 3; k++)
            if (rand() < 0.5)
              query.set(
                pick([
                  "limit",
                  "cursor",
                  "from",
                  "to",
                  "range",
                  "search",
                  "sort",
                  "order",
                  "page",
                  "pageSize",
                  "level",
                  "q",
                  "status",
                  "action",
                  "resource",
                  "expression",
                  "timezone",
                  "count",
                  "requestId",
                ]),
                pick([randomString(12), "-1", "NaN", "1e309", "", "0", "999999999999", "\u0000", "\ud800x"]),
              );
          const body = method === "GET" || method === "DELETE" ? undefined : randomBody();
          const headers: Record<string, string> = {
            "content-type": pick(["application/json", "text/plain", ""]),
            "x-nimbus-client-ip": "198.51.100.99",
          };
          if (rand() < 0.3) headers.cookie = `nimbus_session=${enc(randomString(30))}`;
          const req = new Request(`http://localhost${urlPath}?${query}`, {
            method,
            headers,
            body: typeof body === "string" || body === undefined ? body : new Uint8Array(body),
          });
          let res: Response;
          try {
            res = await handler(req, { params: Promise.resolve(params) });
          } catch (err) {
            bad.push(`threw ← ${method} ${urlPath} ${JSON.stringify(params)}: ${(err as Error).message}`);
            continue;
          }
          calls++;
          const text = await res.text();
          if (res.status >= 500 || STACK.test(text))
            bad.push(
              `${res.status} ← ${method} ${urlPath}?${query} ${JSON.stringify(params)} ${typeof body === "string" ? body.slice(0, 100) : "<bytes>"} → ${text.slice(0, 300)}`,
            );
        }
      }
    }
    expect(calls).toBeGreaterThan(500);
    expect(bad).toEqual([]);
  });
});
