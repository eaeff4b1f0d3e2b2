import { describe, expect, it } from "vitest";
import { evaluateChoice, matchChoice, ruleMatches } from "@/lib/workflows/asl/choice";
import { StatesError } from "@/lib/workflows/asl/errors";
import { testScope } from "@/lib/workflows/asl/test-scope";
import type { ChoiceRule, ChoiceState } from "@/lib/workflows/asl/types";

const scope = testScope();
const matches = (rule: ChoiceRule, input: unknown) => ruleMatches(rule, input, scope);

async function rejection(promise: Promise<unknown>): Promise<StatesError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof StatesError) return error;
    throw error;
  }
  throw new Error("expected a StatesError");
}

describe("evaluateChoice (JSONPath)", () => {
  // AWS docs, "Choice state example".
  const choiceStateX: ChoiceState = {
    Type: "Choice",
    Choices: [
      { Not: { Variable: "$.type", StringEquals: "Private" }, Next: "Public" },
      { Variable: "$.value", NumericEquals: 0, Next: "ValueIsZero" },
      {
        And: [
          { Variable: "$.value", NumericGreaterThanEquals: 20 },
          { Variable: "$.value", NumericLessThan: 30 },
        ],
        Next: "ValueInTwenties",
      },
    ],
    Default: "DefaultState",
  };

  it("takes the documented transitions", async () => {
    expect(await evaluateChoice(choiceStateX, { type: "Private", value: 22 }, scope)).toBe("ValueInTwenties");
    expect(await evaluateChoice(choiceStateX, { type: "Public", value: 22 }, scope)).toBe("Public");
    expect(await evaluateChoice(choiceStateX, { type: "Private", value: 0 }, scope)).toBe("ValueIsZero");
    expect(await evaluateChoice(choiceStateX, { type: "Private", value: 35 }, scope)).toBe("DefaultState");
  });

  it("says which rule matched", async () => {
    expect(await matchChoice(choiceStateX, { type: "Private", value: 0 }, scope)).toEqual({
      next: "ValueIsZero",
      ruleIndex: 1,
    });
    expect(await matchChoice(choiceStateX, { type: "Private", value: 99 }, scope)).toEqual({
      next: "DefaultState",
      ruleIndex: null,
    });
  });

  it("fails with States.NoChoiceMatched when nothing matches and there is no Default", async () => {
    const state: ChoiceState = { Type: "Choice", Choices: [{ Variable: "$.a", IsNull: true, Next: "X" }] };
    expect((await rejection(evaluateChoice(state, { a: 1 }, scope))).error).toBe("States.NoChoiceMatched");
  });

  it("fails with States.Runtime when the Variable is missing (AWS: the execution fails)", async () => {
    const err = await rejection(evaluateChoice(choiceStateX, { type: "Private" }, scope));
    expect(err.error).toBe("States.Runtime");
    expect(err.cause).toContain("$.value");
  });

  it("lets an IsPresent guard protect a later comparison in And (AWS docs example)", () => {
    const rule: ChoiceRule = {
      And: [
        { Variable: "$.keyThatMightNotExist", IsPresent: true },
        { Variable: "$.keyThatMightNotExist", StringEquals: "foo" },
      ],
    };
    expect(matches(rule, {})).toBe(false);
    expect(matches(rule, { keyThatMightNotExist: "foo" })).toBe(true);
    expect(matches({ Variable: "$.x", IsPresent: false }, {})).toBe(true);
    expect(
      matches(
        {
          Or: [
            { Variable: "$.a", IsPresent: true },
            { Variable: "$.b", IsPresent: true },
          ],
        },
        { b: 1 },
      ),
    ).toBe(true);
  });
});

describe("comparison operators", () => {
  it("compare strings (AWS docs examples) in UTF-16 order", () => {
    expect(matches({ Variable: "$.foo", StringEquals: "MyString" }, { foo: "MyString" })).toBe(true);
    expect(matches({ Variable: "$.foo", StringGreaterThan: "MyStringABC" }, { foo: "MyStringABD" })).toBe(true);
    expect(matches({ Variable: "$.foo", StringGreaterThan: "MyStringABC" }, { foo: "MyStringABC" })).toBe(false);
    expect(matches({ Variable: "$.foo", StringGreaterThanEquals: "b" }, { foo: "b" })).toBe(true);
    expect(matches({ Variable: "$.foo", StringLessThan: "b" }, { foo: "B" })).toBe(true);
    expect(matches({ Variable: "$.foo", StringLessThanEquals: "a" }, { foo: "b" })).toBe(false);
  });

  it("match wildcards with StringMatches, where \\* is a literal asterisk", () => {
    const rule = (pattern: string): ChoiceRule => ({ Variable: "$.foo", StringMatches: pattern });
    expect(matches(rule("log-*.txt"), { foo: "log-2024-01.txt" })).toBe(true);
    expect(matches(rule("log-*.txt"), { foo: "log-.txt" })).toBe(true);
    expect(matches(rule("log-*.txt"), { foo: "log-1.csv" })).toBe(false);
    expect(matches(rule("a\\*b"), { foo: "a*b" })).toBe(true);
    expect(matches(rule("a\\*b"), { foo: "axxb" })).toBe(false);
    expect(matches(rule("*.(x)?"), { foo: "file.(x)?" })).toBe(true);
  });

  it("compare numbers, never strings that look like numbers", () => {
    expect(matches({ Variable: "$.foo", NumericEquals: 1 }, { foo: 1 })).toBe(true);
    expect(matches({ Variable: "$.foo", NumericEquals: 1 }, { foo: "1" })).toBe(false);
    expect(matches({ Variable: "$.foo", NumericEquals: 2.22 }, { foo: 2.22 })).toBe(true);
    expect(matches({ Variable: "$.foo", NumericLessThan: 1 }, { foo: 0 })).toBe(true);
    expect(matches({ Variable: "$.foo", NumericLessThanEquals: 1 }, { foo: 1 })).toBe(true);
    expect(matches({ Variable: "$.foo", NumericGreaterThan: 0 }, { foo: 1 })).toBe(true);
    expect(matches({ Variable: "$.foo", NumericGreaterThanEquals: 1 }, { foo: 0 })).toBe(false);
    expect(matches({ Variable: "$.foo", NumericEquals: 0 }, { foo: false })).toBe(false);
  });

  it("compare booleans only with booleans", () => {
    expect(matches({ Variable: "$.foo", BooleanEquals: true }, { foo: true })).toBe(true);
    expect(matches({ Variable: "$.foo", BooleanEquals: false }, { foo: false })).toBe(true);
    expect(matches({ Variable: "$.foo", BooleanEquals: false }, { foo: 0 })).toBe(false);
    expect(matches({ Variable: "$.foo", BooleanEquals: false }, { foo: null })).toBe(false);
  });

  it("compare timestamps as instants (AWS docs: TimestampEquals 2001-01-01T12:00:00Z)", () => {
    const rule = (op: string, value: string): ChoiceRule => ({ Variable: "$.foo", [op]: value });
    expect(matches(rule("TimestampEquals", "2001-01-01T12:00:00Z"), { foo: "2001-01-01T12:00:00Z" })).toBe(true);
    expect(matches(rule("TimestampEquals", "2001-01-01T12:00:00Z"), { foo: "2001-01-01T13:00:00+01:00" })).toBe(true);
    expect(matches(rule("TimestampEquals", "2001-01-01T12:00:00Z"), { foo: "2001-01-01T12:00:00.000Z" })).toBe(true);
    const t0 = "2012-10-09T19:00:55Z";
    const t1 = "2012-10-09T19:00:56Z";
    expect(matches(rule("TimestampGreaterThan", t0), { foo: t1 })).toBe(true);
    expect(matches(rule("TimestampGreaterThanEquals", t0), { foo: t0 })).toBe(true);
    expect(matches(rule("TimestampLessThan", t1), { foo: t0 })).toBe(true);
    expect(matches(rule("TimestampLessThanEquals", t0), { foo: t1 })).toBe(false);
    expect(matches(rule("TimestampEquals", t0), { foo: "2012-10-09T19:00:55" })).toBe(false);
    expect(matches(rule("TimestampEquals", t0), { foo: 0 })).toBe(false);
  });

  it("compare two paths with the …Path forms (AWS docs: StringEqualsPath)", () => {
    expect(matches({ Variable: "$.foo", StringEqualsPath: "$.bar" }, { foo: "x", bar: "x" })).toBe(true);
    expect(matches({ Variable: "$.foo", NumericLessThanPath: "$.max" }, { foo: 1, max: 2 })).toBe(true);
    expect(matches({ Variable: "$.foo", BooleanEqualsPath: "$.b" }, { foo: true, b: true })).toBe(true);
    expect(
      matches(
        { Variable: "$.t", TimestampLessThanPath: "$.u" },
        { t: "2020-01-01T00:00:00Z", u: "2021-01-01T00:00:00Z" },
      ),
    ).toBe(true);
    expect(matches({ Variable: "$.foo", NumericEqualsPath: "$.bar" }, { foo: 1, bar: "1" })).toBe(false);
    expect(() => matches({ Variable: "$.foo", NumericEqualsPath: "$.nope" }, { foo: 1 })).toThrow(StatesError);
  });

  it("test types with Is… (results recorded from Step Functions)", () => {
    const is = (op: string, value: unknown, expected = true) =>
      matches({ Variable: "$.v", [op]: expected }, { v: value });
    expect(is("IsNull", null)).toBe(true);
    expect(is("IsNull", 0)).toBe(false);
    expect(is("IsNull", 0, false)).toBe(true);
    expect(is("IsNumeric", 1.1)).toBe(true);
    expect(is("IsNumeric", "1")).toBe(false);
    expect(is("IsString", "")).toBe(true);
    expect(is("IsString", null)).toBe(false);
    expect(is("IsBoolean", false)).toBe(true);
    expect(is("IsBoolean", 0)).toBe(false);
    expect(is("IsTimestamp", "2016-03-14T01:59:00Z")).toBe(true);
    expect(is("IsTimestamp", "2012-10-09T19:00:55")).toBe(false);
    expect(is("IsTimestamp", "2023-02-24")).toBe(false);
    expect(is("IsPresent", null)).toBe(true);
  });

  it("supports the Context object and variables as the Variable", () => {
    const withVars = testScope("JSONPath", { count: 3 });
    expect(ruleMatches({ Variable: "$count", NumericEquals: 3 }, {}, withVars)).toBe(true);
    expect(ruleMatches({ Variable: "$$.Execution.Name", StringEquals: "executionName" }, {}, withVars)).toBe(true);
  });
});

describe("evaluateChoice (JSONata)", () => {
  const jsonata = testScope("JSONata", { foo: 1, type: "local", possiblyNullValue: 42 });

  it("evaluates each rule's Condition (AWS docs JSONata examples)", async () => {
    const state: ChoiceState = {
      Type: "Choice",
      Choices: [
        { Condition: "{% $foo = 2 %}", Next: "NumericMatchState" },
        { Condition: "{% $type = 'local' %}", Next: "StringMatchState" },
      ],
      Default: "DefaultState",
    };
    expect(await evaluateChoice(state, {}, jsonata)).toBe("StringMatchState");
    const notNull: ChoiceState = {
      Type: "Choice",
      Choices: [{ Condition: "{% $possiblyNullValue != null and $possiblyNullValue = 42 %}", Next: "NotNullAnd42" }],
    };
    expect(await evaluateChoice(notNull, {}, jsonata)).toBe("NotNullAnd42");
  });

  it("sees the state input as $states.input, and accepts a constant condition", async () => {
    const state: ChoiceState = {
      Type: "Choice",
      Choices: [
        { Condition: "{% $states.input.condition %}", Next: "ConditionTrue" },
        { Condition: true, Next: "Always" },
      ],
    };
    expect(await evaluateChoice(state, { condition: true }, jsonata)).toBe("ConditionTrue");
    expect(await evaluateChoice(state, { condition: false }, jsonata)).toBe("Always");
  });

  it("fails with States.QueryEvaluationError when a Condition is not a boolean", async () => {
    const state: ChoiceState = { Type: "Choice", Choices: [{ Condition: "{% 'yes' %}", Next: "X" }] };
    const err = await rejection(evaluateChoice(state, {}, jsonata));
    expect(err.error).toBe("States.QueryEvaluationError");
    expect(err.cause).toContain("Expected 'boolean'");
  });
});
