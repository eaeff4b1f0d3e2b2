import { describe, expect, it } from "vitest";
import { evaluateChoice } from "@/lib/workflows/asl/choice";
import { StatesError } from "@/lib/workflows/asl/errors";
import { catchOutput, finishState, prepareInput } from "@/lib/workflows/asl/state-io";
import { testScope } from "@/lib/workflows/asl/test-scope";
import type { ChoiceState, State } from "@/lib/workflows/asl/types";

const jsonPath = testScope();

/** Runs a state the way the engine does: prepare, (the work's result), finish. */
async function runState(state: State, input: unknown, scope = jsonPath, work = (x: unknown) => x) {
  const effective = await prepareInput(state, input, scope);
  const result = state.Type === "Pass" && "Result" in state ? state.Result : work(effective);
  return finishState(state, input, result, scope);
}

describe("JSONPath data flow", () => {
  it("Pass: Result placed by ResultPath (AWS docs 'No-op' example)", async () => {
    const state: State = {
      Type: "Pass",
      Result: { "x-datum": 0.381018, "y-datum": 622.2269926397355 },
      ResultPath: "$.coords",
      Next: "End",
    };
    const { output } = await runState(state, { georefOf: "Home" });
    expect(output).toEqual({ georefOf: "Home", coords: { "x-datum": 0.381018, "y-datum": 622.2269926397355 } });
  });

  it("Task: InputPath then Parameters build the task input", async () => {
    const state: State = {
      Type: "Task",
      Resource: "arn:aws:lambda:us-east-1:123456789012:function:f",
      InputPath: "$.product",
      Parameters: { "size.$": "$.details.size", static: 1 },
    };
    expect(await prepareInput(state, { product: { details: { size: "small" } } }, jsonPath)).toEqual({
      size: "small",
      static: 1,
    });
  });

  it("Task: ResultSelector then ResultPath (AWS docs EMR createCluster example), then OutputPath", async () => {
    const state: State = {
      Type: "Task",
      Resource: "arn:aws:states:::elasticmapreduce:createCluster.sync",
      ResultSelector: { "ClusterId.$": "$.output.ClusterId", "ResourceType.$": "$.resourceType" },
      ResultPath: "$.EMROutput",
    };
    const result = {
      resourceType: "elasticmapreduce",
      resource: "createCluster.sync",
      output: { SdkHttpMetadata: { HttpStatusCode: 200 }, ClusterId: "AKIAIOSFODNN7EXAMPLE" },
    };
    const done = await finishState(state, { OtherDataFromInput: {} }, result, jsonPath);
    expect(done.output).toEqual({
      OtherDataFromInput: {},
      EMROutput: { ResourceType: "elasticmapreduce", ClusterId: "AKIAIOSFODNN7EXAMPLE" },
    });
    const narrowed = await finishState({ ...state, OutputPath: "$.EMROutput.ClusterId" }, {}, result, jsonPath);
    expect(narrowed.output).toBe("AKIAIOSFODNN7EXAMPLE");
  });

  it("Wait and Succeed: the output is the OutputPath of the effective input", async () => {
    const wait: State = { Type: "Wait", Seconds: 1, InputPath: "$.a", OutputPath: "$.b", Next: "X" };
    expect((await runState(wait, { a: { b: 7 } })).output).toBe(7);
    const succeed: State = { Type: "Succeed", InputPath: "$.a" };
    expect((await runState(succeed, { a: [1] })).output).toEqual([1]);
  });

  it("Assign: each value sees the variables from before the state (Step Functions' recorded order)", async () => {
    const state0: State = {
      Type: "Pass",
      Result: { theQuestion: "What is the answer to life the universe and everything?" },
      Assign: { "question.$": "$.theQuestion", answer: 42 },
      Next: "State1",
    };
    const first = await runState(state0, {});
    expect(first.variables).toEqual({
      question: "What is the answer to life the universe and everything?",
      answer: 42,
    });
    const state1: State = {
      Type: "Pass",
      InputPath: "$answer",
      ResultPath: "$.theAnswer",
      OutputPath: "$answer",
      Assign: { answer: "<omitted>" },
      End: true,
    };
    const second = await runState(state1, first.output, testScope("JSONPath", first.variables));
    expect(second.output).toBe(42);
    expect(second.variables.answer).toBe("<omitted>");
    expect(second.variables.question).toBe(first.variables.question);
  });

  it("Assign in a Pass with Parameters reads the Parameters' result; without them, the input", async () => {
    const withParameters: State = { Type: "Pass", Parameters: { input: "PENDING" }, Assign: { "result.$": "$.input" } };
    const first = await runState(withParameters, {});
    expect(first.variables).toEqual({ result: "PENDING" });
    expect(first.output).toEqual({ input: "PENDING" });
    const plain: State = { Type: "Pass", Assign: { result: "SUCCESS", "originalResult.$": "$.input" } };
    const second = await runState(plain, first.output, testScope("JSONPath", first.variables));
    expect(second.variables).toEqual({ result: "SUCCESS", originalResult: "PENDING" });
  });

  it("Assign in a Task reads the raw result, before ResultSelector; the scope is not changed", async () => {
    const scope = testScope("JSONPath", { keep: 1 });
    const state: State = {
      Type: "Task",
      Resource: "arn:aws:lambda:us-east-1:123456789012:function:f",
      ResultSelector: { "p.$": "$.Payload" },
      Assign: { "raw.$": "$.Payload", "ctx.$": "$$.Execution.Name" },
    };
    const done = await finishState(state, {}, { Payload: "HelloWorld!" }, scope);
    expect(done.variables).toEqual({ keep: 1, raw: "HelloWorld!", ctx: "executionName" });
    expect(done.output).toEqual({ p: "HelloWorld!" });
    expect(scope.variables).toEqual({ keep: 1 });
  });

  it("Choice: the state's Assign always applies, and the matched rule's on top (AWS docs)", async () => {
    const state: ChoiceState = {
      Type: "Choice",
      Choices: [
        { Variable: "$.input_value", IsPresent: false, Assign: { status: "UNKNOWN" }, Next: "FinalState" },
        { Variable: "$.input_value", NumericEquals: 42, Assign: { status: "CORRECT" }, Next: "FinalState" },
      ],
      Assign: { status: "INCORRECT", "seen.$": "$" },
      Default: "FinalState",
    };
    const run = async (input: unknown) => {
      const effective = await prepareInput(state, input, jsonPath);
      await evaluateChoice(state, effective, jsonPath);
      return (await finishState(state, input, effective, jsonPath)).variables;
    };
    expect(await run({ input_value: 42 })).toEqual({ status: "CORRECT", seen: { input_value: 42 } });
    expect(await run({ input_value: "42" })).toEqual({ status: "INCORRECT", seen: { input_value: "42" } });
    expect(await run({})).toEqual({ status: "UNKNOWN", seen: {} });
  });

  it("Catch: ResultPath places the error output in the input (AWS docs example)", async () => {
    const error = { Error: "Error here", Cause: "" };
    const caught = await catchOutput(
      { ErrorEquals: ["States.ALL"], Next: "NextTask", ResultPath: "$.error" },
      { foo: "bar" },
      error,
      jsonPath,
    );
    expect(caught.output).toEqual({ foo: "bar", error });
    const replaced = await catchOutput(
      { ErrorEquals: ["States.ALL"], Next: "EndState" },
      { foo: "bar" },
      error,
      jsonPath,
    );
    expect(replaced.output).toEqual(error);
    const assigned = await catchOutput(
      { ErrorEquals: ["States.ALL"], Next: "N", ResultPath: null, Assign: { "why.$": "$.Error" } },
      { foo: "bar" },
      error,
      jsonPath,
    );
    expect(assigned).toEqual({ output: { foo: "bar" }, variables: { why: "Error here" } });
  });

  it("Fail: passes the input through untouched", async () => {
    expect((await runState({ Type: "Fail", Error: "E" }, { a: 1 })).output).toEqual({ a: 1 });
  });

  it("a failing OutputPath is a States.Runtime error", async () => {
    const state: State = { Type: "Pass", OutputPath: "$.no.such.result.path" };
    await expect(runState(state, {})).rejects.toMatchObject({ error: "States.Runtime" });
  });
});

describe("JSONata data flow", () => {
  const jsonata = testScope("JSONata", { x: 1 });
  const task = (fields: Partial<State> = {}): State =>
    ({ Type: "Task", Resource: "arn:aws:states:::lambda:invoke", ...fields }) as State;

  it("Arguments build the task input; without them the input passes through", async () => {
    const state = task({
      Arguments: { FunctionName: "{% $states.input.fn %}", Payload: { foo: "oof", x: "{% $x %}" } },
    });
    expect(await prepareInput(state, { fn: "f" }, jsonata)).toEqual({
      FunctionName: "f",
      Payload: { foo: "oof", x: 1 },
    });
    expect(await prepareInput(task(), { a: 1 }, jsonata)).toEqual({ a: 1 });
    expect(await prepareInput({ Type: "Pass" }, { a: 1 }, jsonata)).toEqual({ a: 1 });
  });

  it("Output defaults to the result for a Task and to the input for a Pass", async () => {
    expect((await finishState(task(), { in: 1 }, { out: 2 }, jsonata)).output).toEqual({ out: 2 });
    expect((await finishState({ Type: "Pass" }, { in: 1 }, { in: 1 }, jsonata)).output).toEqual({ in: 1 });
  });

  it("Assign and Output both see the variables from before the state", async () => {
    const state = task({
      Assign: { x: "{% $x + 1 %}", fromResult: "{% $states.result.v %}" },
      Output: { before: "{% $x %}", input: "{% $states.input.a %}" },
    });
    const done = await finishState(state, { a: "A" }, { v: 9 }, jsonata);
    expect(done.variables).toEqual({ x: 2, fromResult: 9 });
    expect(done.output).toEqual({ before: 1, input: "A" });
  });

  it("Catch: Assign and Output see $states.errorOutput; the default output is the error output", async () => {
    const error = { Error: "Exception", Cause: "Some exception was raised." };
    const caught = await catchOutput(
      { ErrorEquals: ["States.ALL"], Next: "fallback", Assign: { result: "{% $states.errorOutput %}" } },
      { input_value: "arn" },
      error,
      jsonata,
    );
    expect(caught.output).toEqual(error);
    expect(caught.variables).toEqual({ x: 1, result: error });
    const shaped = await catchOutput(
      {
        ErrorEquals: ["States.ALL"],
        Next: "f",
        Output: { why: "{% $states.errorOutput.Cause %}", in: "{% $states.input %}" },
      },
      { a: 1 },
      error,
      jsonata,
    );
    expect(shaped.output).toEqual({ why: "Some exception was raised.", in: { a: 1 } });
  });

  it("Choice: a matched rule's Assign wins over the state's (Step Functions' recorded run)", async () => {
    const state: ChoiceState = {
      Type: "Choice",
      Choices: [
        {
          Condition: "{% $states.input.condition %}",
          Next: "ConditionTrue",
          Assign: { Assignment: "Condition assignment" },
        },
      ],
      Default: "DefaultState",
      Assign: { Assignment: "Default Assignment" },
    };
    for (const [condition, expected] of [
      [true, "Condition assignment"],
      [false, "Default Assignment"],
    ] as const) {
      const input = { condition };
      await evaluateChoice(state, input, jsonata);
      const done = await finishState(state, input, input, jsonata);
      expect(done.variables.Assignment).toBe(expected);
      expect(done.output).toEqual(input);
    }
  });

  it("an undefined Output is a States.QueryEvaluationError", async () => {
    const err = await finishState(task({ Output: "{% $doesNotExist %}" }), {}, {}, jsonata).catch((e) => e);
    expect(err).toBeInstanceOf(StatesError);
    expect(err.error).toBe("States.QueryEvaluationError");
  });
});
