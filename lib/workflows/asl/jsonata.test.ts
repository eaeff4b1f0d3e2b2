import { describe, expect, it } from "vitest";
import { StatesError } from "@/lib/workflows/asl/errors";
import { cachedExpressionCount, evaluateJsonata, isJsonataString } from "@/lib/workflows/asl/jsonata";
import { exampleContext } from "@/lib/workflows/asl/test-scope";

const context = exampleContext();
const bindings = (input: unknown, variables: Record<string, unknown> = {}, extra: object = {}) => ({
  states: { input, context, ...extra },
  variables,
});

async function rejection(promise: Promise<unknown>): Promise<StatesError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof StatesError) return error;
    throw error;
  }
  throw new Error("expected a StatesError");
}

describe("evaluateJsonata", () => {
  it("evaluates {% %} strings inside templates and keeps other values (AWS docs conversion example)", async () => {
    const args = {
      static: "Hello",
      title: "{% $states.input.title %}",
      name: "{% $customerName %}",
      "not-evaluated": "$customerName",
    };
    expect(await evaluateJsonata(args, bindings({ title: "Dr" }, { customerName: "Ann" }), "Arguments")).toEqual({
      static: "Hello",
      title: "Dr",
      name: "Ann",
      "not-evaluated": "$customerName",
    });
  });

  it("recurses into arrays and nested objects, and returns non-strings untouched", async () => {
    const template = { list: ["{% 1 + 1 %}", { deep: "{% $states.input.x %}" }, 3, null, true] };
    expect(await evaluateJsonata(template, bindings({ x: "y" }))).toEqual({ list: [2, { deep: "y" }, 3, null, true] });
    expect(await evaluateJsonata(42, bindings({}))).toBe(42);
  });

  it("treats only exact {% … %} strings as expressions", async () => {
    expect(isJsonataString("{% 1 %}")).toBe(true);
    expect(isJsonataString(" {% 1 %}")).toBe(false);
    expect(isJsonataString("{% 1 %} ")).toBe(false);
    expect(await evaluateJsonata(" {% 1 %}", bindings({}))).toBe(" {% 1 %}");
  });

  it("binds $states.input, result, errorOutput and context", async () => {
    const b = bindings({ a: 1 }, {}, { result: { r: 2 }, errorOutput: { Error: "E", Cause: "C" } });
    expect(await evaluateJsonata("{% $states.input.a + $states.result.r %}", b)).toBe(3);
    expect(await evaluateJsonata("{% $states.errorOutput.Error %}", b)).toBe("E");
    expect(await evaluateJsonata("{% $states.context.Execution.Name %}", b)).toBe("executionName");
  });

  it("returns plain JSON (no JSONata sequence markers)", async () => {
    const value = await evaluateJsonata("{% $states.input.items.n %}", bindings({ items: [{ n: 1 }, { n: 2 }] }));
    expect(value).toEqual([1, 2]);
    expect(Object.keys(value as object)).toEqual(["0", "1"]);
  });

  it("fails with States.QueryEvaluationError naming the field when the result is undefined", async () => {
    const err = await rejection(evaluateJsonata({ result: "{% $doesNotExist %}" }, bindings({}), "Output"));
    expect(err.error).toBe("States.QueryEvaluationError");
    expect(err.cause).toBe(
      "The JSONata expression '$doesNotExist' specified for the field 'Output/result' returned nothing (undefined).",
    );
  });

  it("fails for functions, evaluation errors and syntax errors", async () => {
    const fn = await rejection(evaluateJsonata("{% function($x){$x} %}", bindings({})));
    expect(fn.cause).toContain("returned an unsupported result type");
    const call = await rejection(evaluateJsonata("{% $nope(1) %}", bindings({})));
    expect(call.error).toBe("States.QueryEvaluationError");
    expect(call.cause).toContain("T1006");
    expect((await rejection(evaluateJsonata("{% 1 + %}", bindings({})))).error).toBe("States.QueryEvaluationError");
  });

  it("keeps at most 1000 compiled expressions", async () => {
    for (let i = 0; i < 1010; i++) await evaluateJsonata(`{% ${i} + 0.5 %}`, bindings({}));
    expect(cachedExpressionCount()).toBeLessThanOrEqual(1000);
    expect(await evaluateJsonata("{% 3 + 0.5 %}", bindings({}))).toBe(3.5);
  });
});

describe("Step Functions' JSONata functions", () => {
  const run = (expression: string, input: unknown = {}) => evaluateJsonata(`{% ${expression} %}`, bindings(input));

  it("$partition and $range (AWS examples)", async () => {
    expect(await run("$partition([1, 2, 3, 4, 5, 6, 7, 8, 9], 3)")).toEqual([
      [1, 2, 3],
      [4, 5, 6],
      [7, 8, 9],
    ]);
    expect(await run("$range(0, 10, 2)")).toEqual([0, 2, 4, 6, 8, 10]);
    expect(await run("$range(5, 1, -2)")).toEqual([5, 3, 1]);
  });

  it("$hash, $random(seed), $uuid and $parse", async () => {
    expect(await run("$hash('input data', 'SHA-256')")).toBe(
      "b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3",
    );
    const seeded = await run("$random(42)");
    expect(seeded).toBe(await run("$random(42)"));
    expect(seeded).toBeGreaterThanOrEqual(0);
    expect(seeded).toBeLessThan(1);
    expect(await run("$uuid()")).toMatch(/^[0-9a-f-]{36}$/);
    expect(await run("$parse($states.input.s)", { s: '{"a":[1]}' })).toEqual({ a: [1] });
  });

  it("refuses $eval, as Step Functions does", async () => {
    expect((await rejection(run("$eval('1+1')"))).error).toBe("States.QueryEvaluationError");
  });
});
