import { afterAll, describe, expect, it } from "vitest";
import { makeSupervisor, spec, invoke, json } from "@/lib/executor/test/helpers";

const sup = makeSupervisor();
afterAll(() => sup.shutdown(1000));

describe("executor basics", () => {
  it("runs an ES module handler and returns its JSON result", async () => {
    const s = spec(
      `export const handler = async (event, context) => ({ echo: event, name: context.functionName, rid: context.awsRequestId });`,
    );
    const r = await invoke(sup, s, { a: 1 });
    expect(r.outcome).toBe("Success");
    expect(json(r)).toEqual({ echo: { a: 1 }, name: s.functionName, rid: r.requestId });
    expect(r.initDurationMs).toBeGreaterThan(0);
  });

  it("runs a CommonJS callback-style handler", async () => {
    const s = spec(
      `exports.handler = function (event, context, callback) { setTimeout(() => callback(null, { n: event.n + 1 }), 5); };`,
      { file: "index.js" },
    );
    const r = await invoke(sup, s, { n: 41 });
    expect(r.outcome).toBe("Success");
    expect(json(r)).toEqual({ n: 42 });
  });

  it("keeps module state while warm and reports init only on the cold start", async () => {
    const s = spec(`let count = 0; export const handler = async () => ++count;`);
    const first = await invoke(sup, s);
    const second = await invoke(sup, s);
    expect(json(first)).toBe(1);
    expect(json(second)).toBe(2);
    expect(first.initDurationMs).toBeDefined();
    expect(second.initDurationMs).toBeUndefined();
  });

  it("captures console output per invocation with levels", async () => {
    const s = spec(
      `export const handler = async () => { console.log("hello %s", "world"); console.error("bad"); console.warn({ a: 1 }); return null; };`,
    );
    const r = await invoke(sup, s);
    expect(r.logs.map((l) => [l.level, l.message])).toEqual([
      ["INFO", "hello world"],
      ["ERROR", "bad"],
      ["WARN", "{ a: 1 }"],
    ]);
  });

  it("returns a handler's own error type and message in Lambda's shape", async () => {
    const s = spec(
      `class NotFound extends Error { constructor(m) { super(m); this.name = "NotFound"; } } export const handler = async () => { throw new NotFound("no such thing"); };`,
    );
    const r = await invoke(sup, s);
    expect(r.outcome).toBe("Error");
    const body = json(r);
    expect(body.errorType).toBe("NotFound");
    expect(body.errorMessage).toBe("no such thing");
    expect(Array.isArray(body.trace)).toBe(true);
  });

  it("sees its own environment and the runtime's, none of the server's", async () => {
    process.env.NIMBUS_TEST_SECRET = "server-secret";
    const s = spec(
      `import { readFileSync } from "node:fs"; export const handler = async () => { let proc; try { proc = readFileSync("/proc/self/environ", "utf8"); } catch (e) { proc = e.code; } return { env: process.env, proc }; };`,
      { env: { GREETING: "hi" } },
    );
    const r = await invoke(sup, s);
    const body = json(r);
    expect(body.env.GREETING).toBe("hi");
    expect(body.env.AWS_LAMBDA_FUNCTION_NAME).toBe(s.functionName);
    expect(body.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE).toBe("128");
    expect(body.env.AWS_REGION).toBe("us-east-1");
    expect(body.env.NIMBUS_TEST_SECRET).toBeUndefined();
    expect(body.proc).not.toContain("server-secret");
    expect(body.proc).not.toContain("DATABASE_URL");
  });
});
