/**
 * New attack surface of workflows and traces: a function that floods its tracer with spans (huge,
 * NUL-laden, non-scalar) or hijacks the OpenTelemetry globals; a state machine that loops forever
 * or fans out wide; guessed task tokens; oversized input. Each gets an error or a bound for
 * itself, and a well-behaved function and execution beside them keep working.
 */
import { describe, expect, it } from "vitest";
import { CreateFunctionCommand, InvokeCommand } from "@aws-sdk/client-lambda";
import {
  CreateStateMachineCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  TaskDoesNotExist,
  ValidationException,
} from "@aws-sdk/client-sfn";
import { zipFiles } from "@/lib/code/package";
import { getTrace } from "@/lib/services/traces";
import { deployFunction, testServer, uniqueName } from "@/test/server";
import { finished, sfnClient, uniqueMachine } from "@/test/api/sfn-helpers";
import { otelApiFiles } from "@/test/otel-api";

const t = testServer();

async function deployWithOtel(source: string): Promise<string> {
  const name = uniqueName("otel-attack");
  await t.lambda.send(
    new CreateFunctionCommand({
      FunctionName: name,
      Role: "r",
      Runtime: "nodejs20.x",
      Handler: "index.handler",
      Code: { ZipFile: zipFiles({ "index.mjs": source, ...otelApiFiles() }) },
      TracingConfig: { Mode: "Active" },
      Timeout: 30,
    }),
  );
  return name;
}

const FLOOD = `import { trace } from "@opentelemetry/api";
export const handler = async () => {
  const tracer = trace.getTracer("flood");
  for (let i = 0; i < 20000; i++) {
    const s = tracer.startSpan("x\\u0000".repeat(5000) + i, { attributes: { nested: { a: 1 }, list: [1, 2], ok: "v\\u0000" } });
    for (let k = 0; k < 40; k++) s.setAttribute("k" + k, "y".repeat(1000));
    s.end();
  }
  return "flooded";
};`;

const HIJACK = `import { trace, context } from "@opentelemetry/api";
export const handler = async () => {
  trace.disable();
  context.disable();
  trace.setGlobalTracerProvider({ getTracer: () => { throw new Error("hijacked"); } });
  return "hijacked";
};`;

describe("hostile workflows and traces", () => {
  it("a span flood is bounded to its own trace, and a hijacked tracer hurts only its function", {
    timeout: 60_000,
  }, async () => {
    const flood = await deployWithOtel(FLOOD);
    const hijack = await deployWithOtel(HIJACK);
    const neighbour = await deployFunction(t.lambda, `export const handler = async () => "fine";`, {
      prefix: "neighbour",
    });
    const [f, h, n] = await Promise.all([
      t.lambda.send(new InvokeCommand({ FunctionName: flood })),
      t.lambda.send(new InvokeCommand({ FunctionName: hijack })),
      t.lambda.send(new InvokeCommand({ FunctionName: neighbour })),
    ]);
    expect([f.FunctionError, h.FunctionError, n.FunctionError], new TextDecoder().decode(f.Payload)).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    await t.srv.platform.writer.flush();
    const tr = await getTrace(t.srv.platform.services, f.$metadata.requestId!.replaceAll("-", ""));
    const user = tr.spans.filter((s) => s.kind === "user");
    expect(user.length).toBeGreaterThan(10); // as many as fit the call's span budget (256 KiB)
    expect(user.length).toBeLessThanOrEqual(1000);
    for (const s of user.slice(0, 20)) {
      expect(s.name.length).toBeLessThanOrEqual(256);
      expect(s.name).not.toContain("\u0000");
      expect(Object.keys(s.attributes).length).toBeLessThanOrEqual(32);
      expect(s.attributes.nested).toBeUndefined();
    }
    // The hijacker's next call and everyone else's go on.
    const again = await t.lambda.send(new InvokeCommand({ FunctionName: hijack }));
    expect(again.FunctionError).toBeUndefined();
    const still = await t.lambda.send(new InvokeCommand({ FunctionName: flood }));
    expect(still.FunctionError).toBeUndefined();
  });

  it("an endless loop fails at the history limit; a wide Map finishes; a neighbour execution is unharmed", {
    timeout: 90_000,
  }, async () => {
    const sfn = sfnClient(t.srv.url);
    const create = async (definition: object) =>
      (
        await sfn.send(
          new CreateStateMachineCommand({
            name: uniqueMachine("hostile"),
            roleArn: "r",
            definition: JSON.stringify(definition),
          }),
        )
      ).stateMachineArn!;
    const loop = await create({
      StartAt: "Again",
      States: {
        Again: { Type: "Pass", Next: "Stop?" },
        "Stop?": { Type: "Choice", Choices: [{ Variable: "$.stop", IsPresent: true, Next: "Done" }], Default: "Again" },
        Done: { Type: "Succeed" },
      },
    });
    const wide = await create({
      StartAt: "Fan",
      States: {
        Fan: {
          Type: "Map",
          ItemsPath: "$.items",
          ItemProcessor: { StartAt: "P", States: { P: { Type: "Pass", End: true } } },
          ResultSelector: { "n.$": "States.ArrayLength($)" },
          End: true,
        },
      },
    });
    const simple = await create({ StartAt: "Done", States: { Done: { Type: "Pass", Result: "ok", End: true } } });
    const looping = await sfn.send(new StartExecutionCommand({ stateMachineArn: loop }));
    const fanning = await sfn.send(
      new StartExecutionCommand({
        stateMachineArn: wide,
        input: JSON.stringify({ items: Array.from({ length: 2000 }, (_, i) => i) }),
      }),
    );
    const ok = await sfn.send(new StartExecutionCommand({ stateMachineArn: simple }));
    expect((await finished(sfn, ok.executionArn!)).output).toBe('"ok"');
    const l = await finished(sfn, looping.executionArn!, 60_000);
    expect([l.status, l.error]).toEqual(["FAILED", "States.Runtime"]);
    expect(l.cause).toMatch(/25000 history events/);
    const w = await finished(sfn, fanning.executionArn!, 60_000);
    expect([w.status, JSON.parse(w.output!)]).toEqual(["SUCCEEDED", { n: 2000 }]);
  });

  it("guessed task tokens and oversized input are refused without touching any execution", async () => {
    const sfn = sfnClient(t.srv.url);
    for (const token of ["x", "A".repeat(64), "' OR 1=1 --"])
      await expect(sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: "{}" }))).rejects.toBeInstanceOf(
        TaskDoesNotExist,
      );
    const { stateMachineArn } = await sfn.send(
      new CreateStateMachineCommand({
        name: uniqueMachine("big"),
        roleArn: "r",
        definition: JSON.stringify({ StartAt: "P", States: { P: { Type: "Pass", End: true } } }),
      }),
    );
    const huge = JSON.stringify({ blob: "z".repeat(300 * 1024) });
    await expect(sfn.send(new StartExecutionCommand({ stateMachineArn, input: huge }))).rejects.toBeInstanceOf(
      ValidationException,
    );
  });
});
