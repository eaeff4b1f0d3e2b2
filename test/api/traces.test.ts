/**
 * Traces: an invocation's platform spans and the function's own (through @opentelemetry/api,
 * bundled with the function as users do), the caller's X-Amzn-Trace-Id honoured and handed to the
 * function as _X_AMZN_TRACE_ID, TracingConfig on the Lambda API, and a workflow as one trace.
 */
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  CreateFunctionCommand,
  GetFunctionConfigurationCommand,
  InvokeCommand,
  PutFunctionEventInvokeConfigCommand,
  UpdateFunctionConfigurationCommand,
} from "@aws-sdk/client-lambda";
import { CreateStateMachineCommand, StartExecutionCommand } from "@aws-sdk/client-sfn";
import { zipFiles } from "@/lib/code/package";
import { getTrace, listTraces } from "@/lib/services/traces";
import { deployFunction, signedFetch, testServer, uniqueName } from "@/test/server";
import { finished, sfnClient, uniqueMachine } from "@/test/api/sfn-helpers";
import { otelApiFiles } from "@/test/otel-api";

const t = testServer({ NIMBUS_ASYNC_RETRY_DELAYS_SECONDS: "1,1" });

const TRACED = `import { trace, SpanStatusCode } from "@opentelemetry/api";
const tracer = trace.getTracer("orders");
export const handler = async (e) => {
  await tracer.startActiveSpan("load order", async (span) => {
    span.setAttribute("order.id", e.id);
    await tracer.startActiveSpan("query db", async (q) => { await new Promise((r) => setTimeout(r, 5)); q.end(); });
    span.end();
  });
  const bad = tracer.startSpan("charge card");
  bad.setStatus({ code: SpanStatusCode.ERROR, message: "declined" });
  bad.end();
  return { header: process.env._X_AMZN_TRACE_ID };
};`;

describe("traces", () => {
  it("an invocation's trace holds its platform spans and the function's own, in the caller's trace", async () => {
    const name = uniqueName("traced");
    await t.lambda.send(
      new CreateFunctionCommand({
        FunctionName: name,
        Role: "r",
        Runtime: "nodejs20.x",
        Handler: "index.handler",
        Code: { ZipFile: zipFiles({ "index.mjs": TRACED, ...otelApiFiles() }) },
        TracingConfig: { Mode: "Active" },
      }),
    );
    const cfg = await t.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: name }));
    expect(cfg.TracingConfig?.Mode).toBe("Active");

    // Fresh ids each run: the test database may hold earlier runs' traces.
    const traceId = randomBytes(16).toString("hex");
    const xray = `1-${traceId.slice(0, 8)}-${traceId.slice(8)}`;
    const res = await signedFetch(`${t.srv.url}/2015-03-31/functions/${name}/invocations`, {
      method: "POST",
      body: JSON.stringify({ id: 42 }),
      headers: { "X-Amzn-Trace-Id": `Root=${xray};Parent=53995c3f42cd8ad8;Sampled=1` },
    });
    expect(res.status).toBe(200);
    const { header } = (await res.json()) as { header: string };
    expect(header).toMatch(new RegExp(`^Root=${xray};Parent=[0-9a-f]{16};Sampled=1$`));
    await t.srv.platform.writer.flush();

    const tr = await getTrace(t.srv.platform.services, xray);
    expect(tr.traceId).toBe(traceId);
    const byName = new Map(tr.spans.map((s) => [s.name, s]));
    const root = byName.get(`Invoke ${name}`)!;
    expect(root.parentSpanId).toBe("53995c3f42cd8ad8"); // under the caller's span
    const handler = byName.get("Handler")!;
    expect(handler.parentSpanId).toBe(root.spanId);
    expect(header).toContain(`Parent=${handler.spanId}`); // the function was told its handler span
    expect(byName.get("Init")?.kind).toBe("init"); // the first call was cold
    expect(byName.get("Receive, admit, place")?.parentSpanId).toBe(root.spanId);
    for (const s of tr.spans.filter((x) => x.kind === "user")) {
      // The function's spans lie inside its handler's (the handler's start is the instance's word for it).
      expect(s.startMs).toBeGreaterThanOrEqual(handler.startMs - 1);
      expect(s.startMs + s.durationMs).toBeLessThanOrEqual(handler.startMs + handler.durationMs + 1);
    }
    const load = byName.get("load order")!;
    const query = byName.get("query db")!;
    expect([load.kind, load.parentSpanId, load.attributes["order.id"]]).toEqual(["user", handler.spanId, 42]);
    expect(query.parentSpanId).toBe(load.spanId);
    expect(query.durationMs).toBeGreaterThanOrEqual(4);
    expect(byName.get("charge card")?.status).toBe("error");
    for (const s of tr.spans.filter((x) => x.requestId)) expect(s.startMs).toBeGreaterThanOrEqual(root.startMs - 1);

    // PassThrough and a caller who said Sampled=0: platform spans only.
    await t.lambda.send(
      new UpdateFunctionConfigurationCommand({ FunctionName: name, TracingConfig: { Mode: "PassThrough" } }),
    );
    const quiet = randomBytes(16).toString("hex");
    await signedFetch(`${t.srv.url}/2015-03-31/functions/${name}/invocations`, {
      method: "POST",
      body: "{}",
      headers: { traceparent: `00-${quiet}-b7ad6b7169203331-00` },
    });
    await t.srv.platform.writer.flush();
    const unsampled = await getTrace(t.srv.platform.services, quiet);
    const kinds = unsampled.spans.map((s) => s.kind);
    expect(kinds).toContain("handler");
    expect(kinds).not.toContain("user"); // the configuration change made it cold again: Init may show
  });

  it("a workflow execution is one trace: its states, and under each task's state the invocation", async () => {
    const fn = await deployFunction(t.lambda, `export const handler = async (e) => ({ n: (e.n ?? 0) + 1 });`, {
      prefix: "traced-step",
    });
    const arn = `arn:aws:lambda:us-east-1:000000000000:function:${fn}`;
    const sfn = sfnClient(t.srv.url);
    const wfTrace = randomBytes(16).toString("hex");
    const { stateMachineArn } = await sfn.send(
      new CreateStateMachineCommand({
        name: uniqueMachine("traced"),
        roleArn: "r",
        definition: JSON.stringify({
          StartAt: "One",
          States: {
            One: { Type: "Task", Resource: arn, Next: "Both" },
            Both: {
              Type: "Parallel",
              End: true,
              Branches: [
                { StartAt: "A", States: { A: { Type: "Task", Resource: arn, End: true } } },
                { StartAt: "B", States: { B: { Type: "Pass", End: true } } },
              ],
            },
          },
        }),
      }),
    );
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({
        stateMachineArn,
        input: "{}",
        traceHeader: `Root=1-${wfTrace.slice(0, 8)}-${wfTrace.slice(8)}`,
      }),
    );
    expect((await finished(sfn, executionArn!)).status).toBe("SUCCEEDED");
    await t.srv.platform.writer.flush();
    const tr = await getTrace(t.srv.platform.services, wfTrace);
    const states = new Map(tr.spans.filter((s) => s.kind === "state").map((s) => [s.name, s]));
    const execution = tr.spans.find((s) => s.kind === "execution")!;
    expect([...states.keys()].sort()).toEqual(["A", "B", "Both", "One"]);
    expect(states.get("One")!.parentSpanId).toBe(execution.spanId);
    expect(states.get("A")!.parentSpanId).toBe(states.get("Both")!.spanId);
    const invocations = tr.spans.filter((s) => s.kind === "request" && s.name.startsWith("Invoke "));
    expect(invocations.map((s) => s.parentSpanId).sort()).toEqual(
      [states.get("A")!.spanId, states.get("One")!.spanId].sort(),
    );

    const listed = await listTraces(t.srv.platform.services, {});
    expect(listed.items.map((i) => i.traceId)).toContain(tr.traceId);
    await t.lambda.send(new InvokeCommand({ FunctionName: fn })); // a trace of its own: two to page through
    await t.srv.platform.writer.flush();
    const first = await listTraces(t.srv.platform.services, { limit: 1 });
    expect(first.nextCursor).not.toBeNull();
    const second = await listTraces(t.srv.platform.services, { limit: 1, cursor: first.nextCursor! });
    expect(second.items[0]!.traceId).not.toBe(first.items[0]!.traceId);
    expect(second.items[0]!.startedAt.getTime()).toBeLessThanOrEqual(first.items[0]!.startedAt.getTime() + 5);
    const onlyFn = await listTraces(t.srv.platform.services, { functionName: fn });
    // Only the direct call begins a trace; the workflow's invocations are inside the workflow's.
    expect(onlyFn.items.map((i) => i.rootName)).toEqual([`Invoke ${fn}`]);
  });

  it("an asynchronous event, its retry and its on-failure destination are one trace", { timeout: 30_000 }, async () => {
    const failing = await deployFunction(
      t.lambda,
      `export const handler = async () => { throw new Error("always"); };`,
      {
        prefix: "traced-async",
      },
    );
    const sink = await deployFunction(t.lambda, `export const handler = async (e) => e.requestContext.condition;`, {
      prefix: "traced-dest",
    });
    await t.lambda.send(
      new PutFunctionEventInvokeConfigCommand({
        FunctionName: failing,
        MaximumRetryAttempts: 1,
        DestinationConfig: { OnFailure: { Destination: `arn:aws:lambda:us-east-1:000000000000:function:${sink}` } },
      }),
    );
    const accepted = await t.lambda.send(
      new InvokeCommand({ FunctionName: failing, InvocationType: "Event", Payload: "{}" }),
    );
    const requestId = accepted.$metadata.requestId!;
    const traceId = requestId.replaceAll("-", "");
    let names: string[] = [];
    await expect
      .poll(
        async () => {
          await t.srv.platform.writer.flush();
          const tr = await getTrace(t.srv.platform.services, traceId).catch(() => ({ spans: [] }));
          names = tr.spans.filter((s) => s.kind === "request" && s.name.startsWith("Invoke ")).map((s) => s.name);
          return names.length;
        },
        { timeout: 20_000, interval: 250 },
      )
      .toBe(3);
    expect(names.sort()).toEqual([`Invoke ${failing}`, `Invoke ${failing}`, `Invoke ${sink}`].sort());
  });
});
