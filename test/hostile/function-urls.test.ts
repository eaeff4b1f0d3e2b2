/**
 * Hostile functions behind function URLs: a function's answer is untrusted input to the HTTP
 * server. It cannot split headers, rewrite the framing (content-length, transfer-encoding), set
 * the console's session cookie, or run script on the console's origin through the path form;
 * a flood, a spin or an oversized answer costs that URL an error and nothing else — a control URL
 * on another function keeps answering on the same server throughout.
 */
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AddPermissionCommand,
  CreateFunctionUrlConfigCommand,
  PutFunctionConcurrencyCommand,
} from "@aws-sdk/client-lambda";
import { deployFunction, testServer } from "@/test/server";
import { httpRequest, urlParts, type Answer } from "@/test/urls/helpers";

const t = testServer();

/** Deploys `source` behind a public URL; returns its host (host form) and url id. */
async function publicUrl(source: string, o: { timeout?: number } = {}) {
  const name = await deployFunction(t.lambda, source, { prefix: "hostile-url", timeout: o.timeout });
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
  return { name, ...urlParts(FunctionUrl!) };
}

const answering = (body: unknown) => `export const handler = async () => (${JSON.stringify(body)});`;

const control = { host: "", ok: 0, failures: [] as string[], timer: null as NodeJS.Timeout | null };

beforeAll(async () => {
  control.host = (await publicUrl(answering({ statusCode: 200, body: "control" }))).host;
  control.timer = setInterval(() => {
    httpRequest(t.srv.port, { host: control.host, target: "/" }).then(
      (a) => (a.status === 200 && a.body === "control" ? control.ok++ : control.failures.push(`${a.status} ${a.body}`)),
      (e: Error) => control.failures.push(e.message),
    );
  }, 200);
});
afterAll(() => {
  if (control.timer) clearInterval(control.timer);
});

describe("a hostile function behind a URL", () => {
  it("cannot split headers: an illegal header name or value is a 502, not a second header", async () => {
    for (const headers of [
      { "x-a": "1\r\nSet-Cookie: stolen=1" },
      { "x-a\r\nx-b": "1" },
      { "bad name": "1" },
      { "x-nul": "a\u0000b" },
    ]) {
      const { host } = await publicUrl(answering({ statusCode: 200, headers, body: "x" }));
      const a = await httpRequest(t.srv.port, { host, target: "/" });
      expect(a.status).toBe(502);
      expect(a.headers["set-cookie"]).toBeUndefined();
      expect(a.headers["x-b"]).toBeUndefined();
    }
    const { host } = await publicUrl(answering({ statusCode: 200, cookies: ["a=1\r\nx-evil: 1"], body: "x" }));
    expect((await httpRequest(t.srv.port, { host, target: "/" })).status).toBe(502);
  });

  it("cannot rewrite the framing: its content-length and transfer-encoding are ignored", async () => {
    const { host } = await publicUrl(
      answering({
        statusCode: 200,
        headers: { "content-length": "1", "transfer-encoding": "chunked", connection: "close", "x-ok": "yes" },
        body: "hello, framing",
      }),
    );
    // Two requests on one kept-alive socket: the second parses cleanly after the first.
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const get = () =>
        new Promise<Answer & { reused: boolean }>((resolve, reject) => {
          const req = http.get({ host: "127.0.0.1", port: t.srv.port, path: "/", headers: { host }, agent }, (res) => {
            const chunks: Buffer[] = [];
            res.on("data", (c: Buffer) => chunks.push(c));
            res.on("end", () =>
              resolve({
                status: res.statusCode ?? 0,
                headers: res.headers,
                body: Buffer.concat(chunks).toString(),
                reused: req.reusedSocket,
              }),
            );
          });
          req.on("error", reject);
        });
      const first = await get();
      expect(first).toMatchObject({ status: 200, body: "hello, framing" });
      expect(first.headers["content-length"]).toBe("14");
      expect(first.headers["transfer-encoding"]).toBeUndefined();
      expect(first.headers["x-ok"]).toBe("yes");
      const second = await get();
      expect(second).toMatchObject({ status: 200, body: "hello, framing", reused: true });
    } finally {
      agent.destroy();
    }
  });

  it("cannot set the console's session cookie, by header or by cookies", async () => {
    const { host } = await publicUrl(
      answering({
        statusCode: 200,
        headers: { "set-cookie": "nimbus_session=fixated; Path=/" },
        cookies: ["NIMBUS_SESSION=x; Domain=localhost", "theme=dark"],
        body: "x",
      }),
    );
    const a = await httpRequest(t.srv.port, { host, target: "/" });
    expect(a.status).toBe(200);
    expect(a.headers["set-cookie"]).toEqual(["theme=dark"]);
  });

  it("runs sandboxed when served on the console's origin (path form)", async () => {
    const { urlId, host } = await publicUrl(
      answering({
        statusCode: 200,
        headers: { "content-type": "text/html" },
        body: "<script>fetch('/api/functions',{credentials:'include'})</script>",
      }),
    );
    const viaPath = await httpRequest(t.srv.port, { host: `localhost:${t.srv.port}`, target: `/lambda-url/${urlId}/` });
    expect(viaPath.status).toBe(200);
    expect(viaPath.headers["content-security-policy"]).toMatch(/^sandbox /);
    expect(viaPath.headers["content-security-policy"]).not.toMatch(/allow-same-origin/);
    // Its own origin (host form) is not the console's: no confinement needed there.
    expect((await httpRequest(t.srv.port, { host, target: "/" })).headers["content-security-policy"]).toBeUndefined();
  });

  it("gets a 502 for statuses HTTP cannot carry, and no body where the status allows none", async () => {
    for (const statusCode of [101, 100, 600, 999, "200", 200.5, -1]) {
      const { host } = await publicUrl(answering({ statusCode, body: "x" }));
      expect((await httpRequest(t.srv.port, { host, target: "/" })).status, String(statusCode)).toBe(502);
    }
    const { host } = await publicUrl(answering({ statusCode: 204, body: "not allowed" }));
    const a = await httpRequest(t.srv.port, { host, target: "/" });
    expect(a).toMatchObject({ status: 204, body: "" });
  });

  it("an oversized answer, a spin and a crash cost only their own requests", async () => {
    const big = await publicUrl(`export const handler = async () => ({ statusCode: 200, body: "x".repeat(7 << 20) });`);
    expect((await httpRequest(t.srv.port, { host: big.host, target: "/" })).status).toBe(502);
    const spin = await publicUrl(`export const handler = async () => { for (;;) {} };`, { timeout: 1 });
    expect((await httpRequest(t.srv.port, { host: spin.host, target: "/" })).status).toBe(502);
    const crash = await publicUrl(`export const handler = async () => { process.exit(3); };`);
    expect((await httpRequest(t.srv.port, { host: crash.host, target: "/" })).status).toBe(502);
  }, 30_000);

  it("a request flood is throttled (429) and an oversized request refused (413), not a 5xx", async () => {
    const slow = await publicUrl(
      `export const handler = async () => { await new Promise((r) => setTimeout(r, 300)); return "ok"; };`,
    );
    await t.lambda.send(
      new PutFunctionConcurrencyCommand({ FunctionName: slow.name, ReservedConcurrentExecutions: 1 }),
    );
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => httpRequest(t.srv.port, { host: slow.host, target: "/" })),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses).toContain(200);
    expect(statuses).toContain(429);
    expect(statuses.every((s) => s === 200 || s === 429)).toBe(true);
    const huge = await httpRequest(t.srv.port, {
      method: "POST",
      host: slow.host,
      target: "/",
      body: Buffer.alloc(7 << 20, 97),
    }).catch((e: Error) => ({ status: 0, body: e.message }));
    expect([413, 0]).toContain(huge.status); // 413, or the connection cut while the body still streams
  }, 30_000);

  it("left the control URL answering throughout", async () => {
    await new Promise((r) => setTimeout(r, 400));
    expect(control.failures).toEqual([]);
    expect(control.ok).toBeGreaterThan(5);
  });
});
