/**
 * Text PostgreSQL cannot store and input too deep to re-serialize: one rule everywhere — a 400
 * naming the field — in the Lambda API and the console's route handlers alike.
 */
import { describe, expect, it } from "vitest";
import { UpdateFunctionConfigurationCommand } from "@aws-sdk/client-lambda";
import { deployFunction, signedFetch, testServer } from "@/test/server";
import { PATCH as patchFunction, GET as getFunction } from "@/app/api/functions/[name]/route";
import { POST as invokePost } from "@/app/api/functions/[name]/invoke/route";
import { POST as createSchedule } from "@/app/api/functions/[name]/schedules/route";
import { GET as logsGet } from "@/app/api/functions/[name]/logs/route";

const t = testServer();

const deploy = (source = `export const handler = async (e) => e;`) =>
  deployFunction(t.lambda, source, { prefix: "odd" });

// biome-ignore lint/suspicious/noExplicitAny: route handlers differ in their params' type
type Handler = (req: Request, c: { params: Promise<any> }) => Promise<Response>;
async function call(handler: Handler, method: string, url: string, params: Record<string, string>, body?: string) {
  const res = await handler(
    new Request(`http://localhost${url}`, { method, headers: { "content-type": "application/json" }, body }),
    { params: Promise.resolve(params) },
  );
  return {
    status: res.status,
    body: (await res.json()) as { error?: { code: string; message: string; field?: string } } & Record<string, unknown>,
  };
}

describe("lone surrogates and NUL are refused, naming the field", () => {
  it("in the Lambda API", async () => {
    const name = await deploy();
    await expect(
      t.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: name, Description: "a\ud800b" })),
    ).rejects.toMatchObject({
      name: "InvalidParameterValueException",
      message: "Description must be valid Unicode text: it contains a lone UTF-16 surrogate",
    });
    await expect(
      t.lambda.send(
        new UpdateFunctionConfigurationCommand({ FunctionName: name, Environment: { Variables: { KEY: "\udc00" } } }),
      ),
    ).rejects.toMatchObject({
      name: "InvalidParameterValueException",
      message: expect.stringMatching(/^Environment.*KEY must be valid Unicode text/),
    });
    // The raw JSON escape, as a client other than the SDK might send it.
    const res = await signedFetch(`${t.srv.url}/2015-03-31/functions/${name}/configuration`, {
      method: "PUT",
      body: '{"Description":"\\ud800"}',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ Type: "User", message: expect.stringContaining("lone UTF-16 surrogate") });
  });

  it("in the console's route handlers: body, path parameters and query", async () => {
    const name = await deploy();
    const desc = await call(patchFunction, "PATCH", `/api/functions/${name}`, { name }, '{"description":"\\ud800"}');
    expect(desc).toMatchObject({
      status: 400,
      body: { error: { code: "InvalidParameterValueException", field: "description" } },
    });
    const env = await call(
      patchFunction,
      "PATCH",
      `/api/functions/${name}`,
      { name },
      '{"environment":{"A":"x\\udfffy"}}',
    );
    expect(env).toMatchObject({ status: 400, body: { error: { field: "environment.A" } } });
    const sched = await call(
      createSchedule,
      "POST",
      `/api/functions/${name}/schedules`,
      { name },
      '{"name":"s1","expression":"rate(1 hour)","description":"\\ud83d"}',
    );
    expect(sched).toMatchObject({ status: 400, body: { error: { field: "description" } } });
    expect(await call(getFunction, "GET", "/api/functions/x", { name: "a\u0000b" })).toMatchObject({
      status: 400,
      body: { error: { field: "name" } },
    });
    expect(await call(logsGet, "GET", `/api/functions/${name}/logs?q=%00`, { name })).toMatchObject({
      status: 400,
      body: { error: { field: "q" } },
    });
    // Still fine afterwards.
    expect((await call(getFunction, "GET", `/api/functions/${name}`, { name })).status).toBe(200);
  });
});

describe("a console test invocation with a deeply nested event", () => {
  const deep = (n: number) => "[".repeat(n) + "]".repeat(n);

  it("as a JSON value is a 400 that says how to send it; as text it runs, and the response comes back as the function wrote it", async () => {
    const name = await deploy(
      `export const handler = async (e) => { let d = 0; for (let x = e; Array.isArray(x) && x.length; x = x[0]) d++; return { depth: d, big: 12345678901234567890n.toString() }; };`,
    );
    const asValue = await call(
      invokePost,
      "POST",
      `/api/functions/${name}/invoke`,
      { name },
      `{"event":${deep(10_000)}}`,
    );
    expect(asValue).toMatchObject({
      status: 400,
      body: { error: { code: "InvalidRequestContentException", message: expect.stringContaining("eventJson") } },
    });
    const asText = await call(
      invokePost,
      "POST",
      `/api/functions/${name}/invoke`,
      { name },
      JSON.stringify({ eventJson: deep(10_000) }),
    );
    expect(asText).toMatchObject({ status: 200, body: { status: "Succeeded", response: { depth: 9_999 } } });
    const notJson = await call(
      invokePost,
      "POST",
      `/api/functions/${name}/invoke`,
      { name },
      JSON.stringify({ eventJson: "{nope" }),
    );
    expect(notJson).toMatchObject({ status: 400, body: { error: { code: "InvalidRequestContentException" } } });
  });
});
