/**
 * Step Functions through the unmodified SDK: a state machine of Task, Choice, Parallel, Map, Wait
 * and Retry/Catch over Nimbus functions runs to the right output with Step Functions' history.
 */
import { describe, expect, it } from "vitest";
import {
  CreateStateMachineCommand,
  DeleteStateMachineCommand,
  DescribeExecutionCommand,
  InvalidArn,
  DescribeStateMachineCommand,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  StartSyncExecutionCommand,
  StopExecutionCommand,
  ValidateStateMachineDefinitionCommand,
  ExecutionAlreadyExists,
  StateMachineDoesNotExist,
  InvalidDefinition,
} from "@aws-sdk/client-sfn";
import { listStateMachineSummaries } from "@/lib/services/state-machines";
import { deployFunction, testServer } from "@/test/server";
import { finished, historyOf, sfnClient, uniqueMachine } from "@/test/api/sfn-helpers";

const t = testServer();
const arn = (fn: string) => `arn:aws:lambda:us-east-1:000000000000:function:${fn}`;

const DOUBLE = `export const handler = async (e) => ({ value: e.value * 2 });`;
/** Fails every other call (module state lives as long as the warm instance): Retry's work. */
const FLAKY = `let n = 0; export const handler = async (e) => { n++; if (n % 2 === 1) throw new Error("flaky " + n); return { ok: n }; };`;
const DECLINE = `class PaymentDeclined extends Error { constructor(m) { super(m); this.name = "PaymentDeclined"; } }
export const handler = async () => { throw new PaymentDeclined("card declined"); };`;

describe("state machines over functions", () => {
  it("runs Task, Choice, Parallel, Map, Wait and Retry/Catch to the right output", { timeout: 60_000 }, async () => {
    const sfn = sfnClient(t.srv.url);
    const [double, flaky, decline] = await Promise.all([
      deployFunction(t.lambda, DOUBLE, { prefix: "sfn-double" }),
      deployFunction(t.lambda, FLAKY, { prefix: "sfn-flaky" }),
      deployFunction(t.lambda, DECLINE, { prefix: "sfn-decline" }),
    ]);
    const definition = {
      StartAt: "Double",
      States: {
        Double: { Type: "Task", Resource: arn(double), ResultPath: "$.doubled", Next: "Big?" },
        "Big?": {
          Type: "Choice",
          Choices: [{ Variable: "$.doubled.value", NumericGreaterThan: 10, Next: "Fan out" }],
          Default: "Small",
        },
        Small: { Type: "Fail", Error: "TooSmall", Cause: "value was small" },
        "Fan out": {
          Type: "Parallel",
          ResultPath: "$.parallel",
          Next: "Each",
          Branches: [
            {
              StartAt: "Invoke",
              States: {
                Invoke: {
                  Type: "Task",
                  Resource: "arn:aws:states:::lambda:invoke",
                  Parameters: { FunctionName: double, "Payload.$": "$.doubled" },
                  ResultSelector: { "v.$": "$.Payload.value", "status.$": "$.StatusCode" },
                  End: true,
                },
              },
            },
            {
              StartAt: "Pause",
              States: {
                Pause: { Type: "Wait", Seconds: 1, Next: "Flaky" },
                Flaky: {
                  Type: "Task",
                  Resource: arn(flaky),
                  Retry: [{ ErrorEquals: ["States.ALL"], IntervalSeconds: 0.2, MaxAttempts: 3, BackoffRate: 1 }],
                  End: true,
                },
              },
            },
            {
              StartAt: "Charge",
              States: {
                Charge: {
                  Type: "Task",
                  Resource: arn(decline),
                  Catch: [{ ErrorEquals: ["PaymentDeclined"], ResultPath: "$.declined", Next: "Declined" }],
                  End: true,
                },
                Declined: { Type: "Pass", Parameters: { "error.$": "$.declined.Error" }, End: true },
              },
            },
          ],
        },
        Each: {
          Type: "Map",
          ItemsPath: "$.items",
          MaxConcurrency: 2,
          ItemSelector: { "value.$": "$$.Map.Item.Value", "index.$": "$$.Map.Item.Index" },
          ItemProcessor: { StartAt: "D", States: { D: { Type: "Task", Resource: arn(double), End: true } } },
          ResultPath: "$.mapped",
          OutputPath: "$",
          End: true,
        },
      },
    };
    const name = uniqueMachine("flow");
    const created = await sfn.send(
      new CreateStateMachineCommand({
        name,
        definition: JSON.stringify(definition),
        roleArn: "arn:aws:iam::000000000000:role/r",
      }),
    );
    expect(created.stateMachineArn).toBe(`arn:aws:states:us-east-1:000000000000:stateMachine:${name}`);
    const described = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: created.stateMachineArn }));
    expect(described.status).toBe("ACTIVE");
    expect(described.type).toBe("STANDARD");
    expect(JSON.parse(described.definition!)).toEqual(definition);
    expect(described.creationDate).toBeInstanceOf(Date);

    const started = await sfn.send(
      new StartExecutionCommand({
        stateMachineArn: created.stateMachineArn,
        name: "first",
        input: JSON.stringify({ value: 7, items: [1, 2, 3] }),
      }),
    );
    expect(started.executionArn).toBe(`arn:aws:states:us-east-1:000000000000:execution:${name}:first`);
    const done = await finished(sfn, started.executionArn!);
    expect(done.status, `${done.error}: ${done.cause}`).toBe("SUCCEEDED");
    const output = JSON.parse(done.output!);
    expect(output.doubled).toEqual({ value: 14 });
    expect(output.parallel[0]).toEqual({ v: 28, status: 200 });
    expect(output.parallel[1]).toEqual({ ok: 2 }); // the first call failed, Retry ran the second
    expect(output.parallel[2]).toEqual({ error: "PaymentDeclined" });
    expect(output.mapped).toEqual([{ value: 2 }, { value: 4 }, { value: 6 }]);

    // An ended execution is due for nothing: the runners' claim never looks at it again.
    const row = await t.srv.platform.db.pool.query(
      `SELECT x."dueAt" FROM workflow_executions x JOIN state_machines m ON m.id = x."stateMachineId"
        WHERE m.name = $1 AND x.name = 'first'`,
      [name],
    );
    expect(row.rows[0].dueAt).toBeNull();
    const events = await historyOf(sfn, started.executionArn!);
    const types = events.map((e) => e.type);
    expect(types[0]).toBe("ExecutionStarted");
    expect(types.at(-1)).toBe("ExecutionSucceeded");
    for (const type of [
      "ChoiceStateEntered",
      "ParallelStateStarted",
      "WaitStateExited",
      "MapIterationSucceeded",
      "TaskSucceeded",
    ])
      expect(types).toContain(type);
    expect(types.filter((x) => x === "LambdaFunctionFailed")).toHaveLength(2); // the flaky one's first try, the declined charge
    const entered = events.find((e) => e.type === "TaskStateEntered")!;
    expect(entered.stateEnteredEventDetails?.name).toBe("Double");
    expect(JSON.parse(entered.stateEnteredEventDetails!.input!)).toEqual({ value: 7, items: [1, 2, 3] });
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);

    const again = sfn.send(
      new StartExecutionCommand({ stateMachineArn: created.stateMachineArn, name: "first", input: "{}" }),
    );
    await expect(again).rejects.toBeInstanceOf(ExecutionAlreadyExists);
  });

  it("fails with the Fail state's error, stops on request, and lists what ran", { timeout: 30_000 }, async () => {
    const sfn = sfnClient(t.srv.url);
    const name = uniqueMachine("fail");
    const { stateMachineArn } = await sfn.send(
      new CreateStateMachineCommand({
        name,
        roleArn: "r",
        definition: JSON.stringify({
          StartAt: "Route",
          States: {
            Route: {
              Type: "Choice",
              Choices: [{ Variable: "$.wait", IsPresent: true, Next: "Long" }],
              Default: "Boom",
            },
            Long: { Type: "Wait", Seconds: 3600, End: true },
            Boom: { Type: "Fail", Error: "Custom.Failure", Cause: "asked to fail" },
          },
        }),
      }),
    );
    const failed = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: "{}" }));
    const f = await finished(sfn, failed.executionArn!);
    expect([f.status, f.error, f.cause]).toEqual(["FAILED", "Custom.Failure", "asked to fail"]);

    const waiting = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: '{"wait":1}' }));
    await expect
      .poll(async () => (await historyOf(sfn, waiting.executionArn!)).map((e) => e.type))
      .toContain("WaitStateEntered");
    await sfn.send(
      new StopExecutionCommand({ executionArn: waiting.executionArn, error: "Operator", cause: "not needed" }),
    );
    const s = await finished(sfn, waiting.executionArn!);
    expect([s.status, s.error]).toEqual(["ABORTED", "Operator"]);
    expect((await historyOf(sfn, waiting.executionArn!)).at(-1)?.type).toBe("ExecutionAborted");

    const list = await sfn.send(new ListExecutionsCommand({ stateMachineArn }));
    expect(list.executions?.map((e) => e.status).sort()).toEqual(["ABORTED", "FAILED"]);
    const running = await sfn.send(new ListExecutionsCommand({ stateMachineArn, statusFilter: "RUNNING" }));
    expect(running.executions).toEqual([]);
    // The console's list: each machine's recent statuses and newest execution, in one query.
    const summary = (await listStateMachineSummaries(t.srv.platform.services)).find((m) => m.name === name)!;
    expect(summary.recent).toEqual({ ABORTED: 1, FAILED: 1 });
    expect(summary.lastExecution?.status).toBe("ABORTED");
  });

  it("waits for a task token and goes on with SendTaskSuccess's output", { timeout: 30_000 }, async () => {
    const sfn = sfnClient(t.srv.url);
    const worker = await deployFunction(
      t.lambda,
      `export const handler = async (e) => { console.log("token " + e.token); };`,
      {
        prefix: "sfn-token",
      },
    );
    const { stateMachineArn } = await sfn.send(
      new CreateStateMachineCommand({
        name: uniqueMachine("token"),
        roleArn: "r",
        definition: JSON.stringify({
          StartAt: "Ask",
          States: {
            Ask: {
              Type: "Task",
              Resource: "arn:aws:states:::lambda:invoke.waitForTaskToken",
              Parameters: { FunctionName: worker, Payload: { "token.$": "$$.Task.Token", "q.$": "$.q" } },
              HeartbeatSeconds: 60,
              End: true,
            },
          },
        }),
      }),
    );
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: '{"q":"yes?"}' }));
    let token = "";
    await expect
      .poll(async () => {
        const hist = await historyOf(sfn, executionArn!);
        const scheduled = hist.find((e) => e.type === "TaskScheduled");
        token = scheduled ? JSON.parse(scheduled.taskScheduledEventDetails!.parameters!).Payload.token : "";
        return token.length;
      })
      .toBeGreaterThan(20);
    await sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{"answer":"yes"}' }));
    const done = await finished(sfn, executionArn!);

    expect(done.status).toBe("SUCCEEDED");
    expect(JSON.parse(done.output!)).toEqual({ answer: "yes" });
    await expect(sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: "{}" }))).rejects.toThrow(
      /Task Timed Out/,
    );
  });

  it("runs an Express machine synchronously and refuses bad definitions and unknown machines", async () => {
    const sfn = sfnClient(t.srv.url);
    const fn = await deployFunction(t.lambda, DOUBLE, { prefix: "sfn-express" });
    const { stateMachineArn } = await sfn.send(
      new CreateStateMachineCommand({
        name: uniqueMachine("express"),
        type: "EXPRESS",
        roleArn: "r",
        definition: JSON.stringify({
          QueryLanguage: "JSONata",
          StartAt: "D",
          States: {
            D: {
              Type: "Task",
              Resource: fn, // a bare function name: Nimbus's shorthand for its ARN
              Arguments: "{% $states.input %}",
              Output: "{% $states.result.value + 1 %}",
              End: true,
            },
          },
        }),
      }),
    );
    const r = await sfn.send(new StartSyncExecutionCommand({ stateMachineArn, input: '{"value":20}' }));
    expect([r.status, r.output]).toEqual(["SUCCEEDED", "41"]);
    expect(r.executionArn).toMatch(/:express:[^:]+:[^:]+:[0-9a-f-]{36}$/);
    // As on Step Functions, an Express execution has no history behind the API.
    await expect(sfn.send(new DescribeExecutionCommand({ executionArn: r.executionArn }))).rejects.toBeInstanceOf(
      InvalidArn,
    );

    const bad = '{"StartAt":"Nowhere","States":{"A":{"Type":"Pass","End":true}}}';
    const v = await sfn.send(new ValidateStateMachineDefinitionCommand({ definition: bad }));
    expect(v.result).toBe("FAIL");
    expect(v.diagnostics?.length).toBeGreaterThan(0);
    const sqs =
      '{"StartAt":"S","States":{"S":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage","End":true}}}';
    const u = await sfn.send(new ValidateStateMachineDefinitionCommand({ definition: sqs }));
    expect(u.diagnostics?.map((d) => d.code)).toEqual(["UNSUPPORTED_RESOURCE"]);
    await expect(
      sfn.send(new CreateStateMachineCommand({ name: uniqueMachine(), roleArn: "r", definition: bad })),
    ).rejects.toBeInstanceOf(InvalidDefinition);
    const missing = "arn:aws:states:us-east-1:000000000000:stateMachine:nope-never";
    await expect(sfn.send(new StartExecutionCommand({ stateMachineArn: missing }))).rejects.toBeInstanceOf(
      StateMachineDoesNotExist,
    );
    const listed = await sfn.send(new ListStateMachinesCommand({}));
    expect(listed.stateMachines?.map((m) => m.stateMachineArn)).toContain(stateMachineArn);
    await sfn.send(new DeleteStateMachineCommand({ stateMachineArn }));
    await expect(sfn.send(new DescribeStateMachineCommand({ stateMachineArn }))).rejects.toBeInstanceOf(
      StateMachineDoesNotExist,
    );
  });
});
