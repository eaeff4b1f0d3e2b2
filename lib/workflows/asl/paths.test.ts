import { describe, expect, it } from "vitest";
import { StatesError } from "@/lib/workflows/asl/errors";
import {
  applyInputPath,
  applyOutputPath,
  applyPayloadTemplate,
  applyResultPath,
  selectPath,
} from "@/lib/workflows/asl/paths";
import { testScope } from "@/lib/workflows/asl/test-scope";

function statesError(fn: () => unknown): StatesError {
  try {
    fn();
  } catch (error) {
    if (error instanceof StatesError) return error;
    throw error;
  }
  throw new Error("expected a StatesError");
}

describe("selectPath", () => {
  // AWS docs, "Reference Paths": the example input and what each path returns.
  const input = {
    foo: 123,
    bar: ["a", "b", "c"],
    car: { cdr: true },
    jar: [{ a: 1 }, { a: 5 }, { a: 2 }, { a: 7 }, { a: 3 }],
  };

  it("returns the documented values for reference paths", () => {
    expect(selectPath(input, "$.foo")).toBe(123);
    expect(selectPath(input, "$.bar")).toEqual(["a", "b", "c"]);
    expect(selectPath(input, "$.car.cdr")).toBe(true);
    expect(selectPath(input, "$.jar[?(@.a >= 5)]")).toEqual([{ a: 5 }, { a: 7 }]);
  });

  it("returns a one-match filter as an array, like Step Functions' JsonPath", () => {
    expect(selectPath(input, "$.jar[?(@.a == 7)]")).toEqual([{ a: 7 }]);
    expect(selectPath(input, "$.jar[?(@.a > 100)]")).toEqual([]);
  });

  it("selects slices (AWS docs: $.a[0:2] of {a:[1,2,3,4]} is [1, 2])", () => {
    expect(selectPath({ a: [1, 2, 3, 4] }, "$.a[0:2]")).toEqual([1, 2]);
  });

  it("returns $ itself, falsy values, and bracket-notation keys", () => {
    expect(selectPath(input, "$")).toBe(input);
    expect(selectPath({ n: null, z: 0, f: false }, "$.n")).toBeNull();
    expect(selectPath({ z: 0 }, "$.z")).toBe(0);
    expect(selectPath({ "a b": { "c-d": 1 } }, "$['a b']['c-d']")).toBe(1);
    expect(selectPath({ "delivery-partner": "UQS" }, "$.delivery-partner")).toBe("UQS");
    expect(selectPath({ a: [10, 20] }, "$.a[1]")).toBe(20);
  });

  it("fails with States.Runtime (AWS's message) when the path names nothing", () => {
    const err = statesError(() => selectPath({}, "$.NoSuchInputPath"));
    expect(err.error).toBe("States.Runtime");
    expect(err.cause).toBe("Invalid path '$.NoSuchInputPath' : No results for path: $['NoSuchInputPath']");
  });

  it("does not treat JavaScript properties such as length as JSON fields", () => {
    expect(() => selectPath({ s: "abc" }, "$.s.length")).toThrow(StatesError);
    expect(() => selectPath({ a: [1, 2] }, "$.a.length")).toThrow(StatesError);
    expect(() => selectPath({ o: {} }, "$.o.toString")).toThrow(StatesError);
  });

  it("cannot step into scalars or null", () => {
    expect(() => selectPath({ a: "text" }, "$.a.b")).toThrow(StatesError);
    expect(() => selectPath(null, "$.a")).toThrow(StatesError);
    expect(selectPath(null, "$")).toBeNull();
  });

  it("reads the Context object with $$ and variables with $name", () => {
    const scope = testScope("JSONPath", { answer: 42, user: { name: "Ann", tags: ["x", "y"] } });
    expect(selectPath({}, "$$.Execution.Id", scope)).toBe(scope.context.Execution.Id);
    expect(selectPath({}, "$$.State.RetryCount", scope)).toBe(3);
    expect(selectPath({}, "$answer", scope)).toBe(42);
    expect(selectPath({}, "$user.name", scope)).toBe("Ann");
    expect(selectPath({}, "$user.tags[1]", scope)).toBe("y");
    expect(() => selectPath({}, "$missing", scope)).toThrow(StatesError);
  });
});

describe("applyInputPath / applyOutputPath", () => {
  const scope = testScope();

  it("selects part of the input (AWS docs InputPath example)", () => {
    const input = {
      comment: "Example for InputPath.",
      dataset1: { val1: 1, val2: 2, val3: 3 },
      dataset2: { val1: "a", val2: "b", val3: "c" },
    };
    expect(applyInputPath(input, "$.dataset2", scope)).toEqual({ val1: "a", val2: "b", val3: "c" });
  });

  it("keeps everything when absent and discards everything (to {}) when null", () => {
    const input = { a: 1 };
    expect(applyInputPath(input, undefined, scope)).toBe(input);
    expect(applyInputPath(input, null, scope)).toEqual({});
    expect(applyOutputPath(input, undefined, scope)).toBe(input);
    expect(applyOutputPath(input, null, scope)).toEqual({});
    expect(applyOutputPath(input, "$", scope)).toBe(input);
  });

  it("fails with States.Runtime for an OutputPath that matches nothing", () => {
    const err = statesError(() => applyOutputPath({}, "$.NoSuchOutputPath", scope));
    expect(err.error).toBe("States.Runtime");
    expect(err.cause).toContain("Invalid path '$.NoSuchOutputPath'");
  });

  it('can select a variable (InputPath "$answer")', () => {
    expect(applyInputPath({}, "$answer", testScope("JSONPath", { answer: 42 }))).toBe(42);
  });
});

describe("applyPayloadTemplate", () => {
  const scope = testScope();

  it("builds Parameters from static values and paths (AWS docs Parameters example)", () => {
    const input = {
      comment: "Example for Parameters.",
      product: {
        details: { color: "blue", size: "small", material: "cotton" },
        availability: "in stock",
        sku: "2317",
        cost: "$23",
      },
    };
    const parameters = {
      comment: "Selecting what I care about.",
      MyDetails: { "size.$": "$.product.details.size", "exists.$": "$.product.availability", StaticValue: "foo" },
    };
    expect(applyPayloadTemplate(parameters, input, scope)).toEqual({
      comment: "Selecting what I care about.",
      MyDetails: { size: "small", exists: "in stock", StaticValue: "foo" },
    });
  });

  it("reads the Context object (AWS docs: SQS message with $$.Execution.Id; Pass with StartTime and Name)", () => {
    const message = { From: "YVR", To: "SEA", "Execution.$": "$$.Execution.Id" };
    expect(applyPayloadTemplate({ MessageBody: message }, {}, scope)).toEqual({
      MessageBody: { From: "YVR", To: "SEA", Execution: scope.context.Execution.Id },
    });
    const pass = { "startTime.$": "$$.Execution.StartTime", "execName.$": "$$.Execution.Name" };
    expect(applyPayloadTemplate(pass, {}, scope)).toEqual({
      startTime: "2019-03-26T20:14:13.192Z",
      execName: "executionName",
    });
  });

  it('evaluates intrinsic functions (AWS docs: "BuildId.$": "States.Array($.Id)")', () => {
    expect(applyPayloadTemplate({ "BuildId.$": "States.Array($.Id)" }, { Id: 123456 }, scope)).toEqual({
      BuildId: [123456],
    });
  });

  it("recurses into arrays and keeps `$`-looking strings in keys without .$ literal", () => {
    const template = { list: [{ "v.$": "$.a" }, "$.a", 3], literal: "$.a", nested: { deeper: { "w.$": "$" } } };
    expect(applyPayloadTemplate(template, { a: 1 }, scope)).toEqual({
      list: [{ v: 1 }, "$.a", 3],
      literal: "$.a",
      nested: { deeper: { w: { a: 1 } } },
    });
  });

  it("takes values from variables", () => {
    const withVars = testScope("JSONPath", { customerName: "Ann" });
    expect(applyPayloadTemplate({ "name.$": "$customerName", "not-evaluated": "$customerName" }, {}, withVars)).toEqual(
      { name: "Ann", "not-evaluated": "$customerName" },
    );
  });

  it("fails with AWS's States.Runtime message for a path that is missing", () => {
    const err = statesError(() => applyPayloadTemplate({ "value.$": "$.no_such_jsonpath" }, { a: 1 }, scope));
    expect(err.error).toBe("States.Runtime");
    expect(err.cause).toBe(
      "The JSONPath '$.no_such_jsonpath' specified for the field 'value.$' could not be found in the input '{\"a\":1}'",
    );
  });

  it("rejects a .$ field whose value is not a string", () => {
    expect(() => applyPayloadTemplate({ "value.$": 3 }, {}, scope)).toThrow(StatesError);
  });
});

describe("applyResultPath", () => {
  // AWS docs, "Specifying state output using ResultPath".
  const input = { comment: "This is a test", details: "Default example", who: "Step Functions" };
  const result = "Hello, Step Functions!";

  it("replaces the input with the result by default and for $", () => {
    expect(applyResultPath(input, result, undefined)).toBe(result);
    expect(applyResultPath(input, result, "$")).toBe(result);
  });

  it("keeps the original input for null", () => {
    expect(applyResultPath(input, result, null)).toBe(input);
  });

  it("includes the result in the input", () => {
    expect(applyResultPath(input, result, "$.taskresult")).toEqual({ ...input, taskresult: result });
  });

  it("inserts the result as a child node", () => {
    const withStrings = { comment: "An input comment.", strings: { string1: "foo", string2: "bar", string3: "baz" } };
    expect(applyResultPath(withStrings, result, "$.strings.lambdaresult")).toEqual({
      comment: "An input comment.",
      strings: { string1: "foo", string2: "bar", string3: "baz", lambdaresult: result },
    });
  });

  it("overwrites an existing node and leaves the original untouched", () => {
    const out = applyResultPath(input, result, "$.comment");
    expect(out).toEqual({ ...input, comment: result });
    expect(input.comment).toBe("This is a test");
  });

  it("creates missing intermediate objects and accepts bracket notation", () => {
    expect(applyResultPath({}, 1, "$.a.b.c")).toEqual({ a: { b: { c: 1 } } });
    expect(applyResultPath({ a: [{}, {}] }, 1, "$.a[1]['x y']")).toEqual({ a: [{}, { "x y": 1 }] });
  });

  it("fails with States.Runtime when the input cannot hold the result", () => {
    expect(statesError(() => applyResultPath("text", 1, "$.x")).error).toBe("States.Runtime");
    expect(statesError(() => applyResultPath({ a: 5 }, 1, "$.a.b")).error).toBe("States.Runtime");
    expect(statesError(() => applyResultPath({ a: [] }, 1, "$.a[3]")).error).toBe("States.Runtime");
    expect(statesError(() => applyResultPath({}, 1, "$.a[*]")).error).toBe("States.Runtime");
  });
});
