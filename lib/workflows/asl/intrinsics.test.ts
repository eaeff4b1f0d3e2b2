import { describe, expect, it } from "vitest";
import { StatesError } from "@/lib/workflows/asl/errors";
import { evaluateIntrinsic, isIntrinsic, parseIntrinsic } from "@/lib/workflows/asl/intrinsics";
import { testScope } from "@/lib/workflows/asl/test-scope";

const scope = testScope();
const run = (text: string, input: unknown = {}) => evaluateIntrinsic(text, input, scope);

function failure(text: string, input: unknown = {}): StatesError {
  try {
    run(text, input);
  } catch (error) {
    if (error instanceof StatesError) return error;
    throw error;
  }
  throw new Error(`expected ${text} to fail`);
}

// Examples are the AWS documentation's ("Intrinsic functions for JSONPath states"); values
// marked "AWS" are what Step Functions answered for the same call (recorded executions).
describe("generic and JSON intrinsics", () => {
  it("States.Format interpolates literal and path values", () => {
    const input = { name: "Arnav", template: "Hello, my name is {}." };
    expect(run("States.Format('Hello, my name is {}.', $.name)", input)).toBe("Hello, my name is Arnav.");
    expect(run("States.Format($.template, $.name)", input)).toBe("Hello, my name is Arnav.");
  });

  it("States.Format prints values the way AWS does", () => {
    const t = (value: unknown) => run("States.Format('v={}', $.v)", { v: value });
    expect(t("")).toBe("v=");
    expect(t(null)).toBe("v=null");
    expect(t(1.1)).toBe("v=1.1");
    expect(t(true)).toBe("v=true");
    expect(t({ Arg1: 1, Arg2: [] })).toBe("v={Arg1=1, Arg2=[]}");
    expect(t(["a", 1])).toBe("v=[a, 1]");
  });

  it("States.Format treats escaped braces as text and needs one value per {}", () => {
    expect(run("States.Format('\\{\\} {} \\'q\\' \\\\', 'x')")).toBe("{} x 'q' \\");
    expect(failure("States.Format('{} {}', 'only one')").error).toBe("States.IntrinsicFailure");
  });

  it("States.StringToJson parses escaped JSON; blank strings give null (AWS)", () => {
    expect(run("States.StringToJson($.escapedJsonString)", { escapedJsonString: '{"foo": "bar"}' })).toEqual({
      foo: "bar",
    });
    expect(run("States.StringToJson('')")).toBeNull();
    expect(run("States.StringToJson(' ')")).toBeNull();
    expect(run("States.StringToJson('[1, 2, \"HelloWorld\"]')")).toEqual([1, 2, "HelloWorld"]);
    expect(failure("States.StringToJson('{nope')").error).toBe("States.IntrinsicFailure");
  });

  it("States.JsonToString writes compact JSON", () => {
    expect(run("States.JsonToString($.unescapedJson)", { unescapedJson: { foo: "bar" } })).toBe('{"foo":"bar"}');
    expect(run("States.JsonToString($.v)", { v: { Arg1: 1, Arg2: [] } })).toBe('{"Arg1":1,"Arg2":[]}');
    expect(run("States.JsonToString($.v)", { v: "HelloWorld" })).toBe('"HelloWorld"');
  });

  it("States.JsonMerge merges shallowly and refuses deep mode", () => {
    const input = { json1: { a: { a1: 1, a2: 2 }, b: 2 }, json2: { a: { a3: 1, a4: 2 }, c: 3 } };
    expect(run("States.JsonMerge($.json1, $.json2, false)", input)).toEqual({ a: { a3: 1, a4: 2 }, b: 2, c: 3 });
    expect(failure("States.JsonMerge($.json1, $.json2, true)", input).error).toBe("States.IntrinsicFailure");
    expect(failure("States.JsonMerge($.json1, 'x', false)", input).error).toBe("States.IntrinsicFailure");
  });

  it("nests calls (AWS docs' nine-deep ARN example, with two placeholders)", () => {
    const input = { ImageRecipe: { Arn: "arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/my-recipe/1.0.3" } };
    const part = (i: number) =>
      `States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), ${i})`;
    expect(run(`States.Format('{}.{}', ${part(0)}, ${part(1)})`, input)).toBe("1.0");
  });

  it("reads the Context object and variables", () => {
    const withVars = testScope("JSONPath", { greeting: "Hi" });
    expect(evaluateIntrinsic("States.Format('{} {}', $greeting, $$.Execution.Name)", {}, withVars)).toBe(
      "Hi executionName",
    );
  });
});

describe("array intrinsics", () => {
  const nine = [1, 2, 3, 4, 5, 6, 7, 8, 9];

  it("States.Array collects its arguments", () => {
    const input = { someJson: { random: "abcdefg" }, zebra: "stripe" };
    expect(run("States.Array('Foo', 2020, $.someJson, null)", input)).toEqual([
      "Foo",
      2020,
      { random: "abcdefg" },
      null,
    ]);
    expect(run("States.Array()")).toEqual([]);
  });

  it("States.ArrayPartition chunks an array", () => {
    expect(run("States.ArrayPartition($.inputArray,4)", { inputArray: nine })).toEqual([
      [1, 2, 3, 4],
      [5, 6, 7, 8],
      [9],
    ]);
    expect(run("States.ArrayPartition($.a, 2)", { a: [] })).toEqual([]);
    expect(failure("States.ArrayPartition($.a, 0)", { a: nine }).error).toBe("States.IntrinsicFailure");
  });

  it("States.ArrayContains finds values by structure", () => {
    expect(run("States.ArrayContains($.inputArray, $.lookingFor)", { inputArray: nine, lookingFor: 5 })).toBe(true);
    expect(run("States.ArrayContains($.a, $.v)", { a: [[1, 2, 3], 2], v: [1, 2, 3] })).toBe(true);
    expect(run("States.ArrayContains($.a, $.v)", { a: [{ "1": 2, "2": [] }], v: { "2": [], "1": 2 } })).toBe(true);
    expect(run("States.ArrayContains($.a, null)", { a: [] })).toBe(false);
  });

  it("States.ArrayRange builds inclusive ranges of at most 1000 items", () => {
    expect(run("States.ArrayRange(1, 9, 2)")).toEqual([1, 3, 5, 7, 9]);
    expect(run("States.ArrayRange(0, 10, 3)")).toEqual([0, 3, 6, 9]);
    expect(run("States.ArrayRange(1, 9, 9)")).toEqual([1]);
    expect(failure("States.ArrayRange(1, 9, 0)").error).toBe("States.IntrinsicFailure");
    expect(failure("States.ArrayRange(0, 1000, 1)").error).toBe("States.IntrinsicFailure");
    expect(run("States.ArrayRange(0, 999, 1)")).toHaveLength(1000);
  });

  it("States.ArrayGetItem, ArrayLength and ArrayUnique", () => {
    expect(run("States.ArrayGetItem($.inputArray, $.index)", { inputArray: nine, index: 5 })).toBe(6);
    expect(failure("States.ArrayGetItem($.a, 9)", { a: nine }).error).toBe("States.IntrinsicFailure");
    expect(run("States.ArrayLength($.inputArray)", { inputArray: nine })).toBe(9);
    expect(run("States.ArrayUnique($.inputArray)", { inputArray: [1, 2, 3, 3, 3, 3, 3, 3, 4] })).toEqual([1, 2, 3, 4]);
    expect(run("States.ArrayUnique($.a)", { a: [{ a: 1 }, { a: 1 }, [null], [null]] })).toEqual([{ a: 1 }, [null]]);
  });
});

describe("encoding, hashing, math, string and UUID intrinsics", () => {
  it("States.Base64Encode / Base64Decode", () => {
    expect(run("States.Base64Encode($.input)", { input: "Data to encode" })).toBe("RGF0YSB0byBlbmNvZGU=");
    expect(run("States.Base64Decode($.base64)", { base64: "RGF0YSB0byBlbmNvZGU=" })).toBe("Data to encode");
    expect(run("States.Base64Encode('')")).toBe("");
    expect(failure("States.Base64Decode('not base64!')").error).toBe("States.IntrinsicFailure");
    expect(failure("States.Base64Encode($.s)", { s: "x".repeat(10_001) }).error).toBe("States.IntrinsicFailure");
  });

  it("States.Hash computes the digests AWS returns for 'input data'", () => {
    const hash = (algorithm: string) =>
      run("States.Hash($.Data, $.Algorithm)", { Data: "input data", Algorithm: algorithm });
    expect(hash("MD5")).toBe("812f45842bc6d66ee14572ce20db8e86");
    expect(hash("SHA-1")).toBe("aaff4a450a104cd177d28d18d74485e8cae074b7");
    expect(hash("SHA-256")).toBe("b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3");
    expect(hash("SHA-384")).toBe(
      "d28a7d5cf25a74f11a50a18452b75e04bb3d70c9dd0510d6123aa008c756511b87525bdc835ebb27e1fb9e9374a15562",
    );
    expect(hash("SHA-512")).toBe(
      "6ce4adb348546d4f449c4d25aad9a7c9cb711d9e91982d3f0b29ca2f3f47d4ce2deba23bf2954f0f1d593fc50283731a533d30d425402d4f91316d871303aac4",
    );
    expect(failure("States.Hash('x', 'SHA-3')").error).toBe("States.IntrinsicFailure");
  });

  it("States.MathAdd adds, rounding halves up like AWS", () => {
    expect(run("States.MathAdd($.value1, $.step)", { value1: 111, step: -1 })).toBe(110);
    expect(run("States.MathAdd(1.49, 1.5)")).toBe(3);
    expect(run("States.MathAdd(-1.5, 0)")).toBe(-1);
    expect(run("States.MathAdd(-0.5, 0)")).toBe(0);
    expect(run("States.MathAdd(2.5, 0)")).toBe(3);
    expect(failure("States.MathAdd('1', 2)").error).toBe("States.IntrinsicFailure");
  });

  it("States.MathRandom stays in range and repeats for a seed", () => {
    for (let i = 0; i < 50; i++) {
      const value = run("States.MathRandom($.start, $.end)", { start: 1, end: 999 }) as number;
      expect(Number.isInteger(value) && value >= 1 && value < 999).toBe(true);
    }
    expect(run("States.MathRandom(0, 999, 3)")).toBe(run("States.MathRandom(0, 999, 3)"));
  });

  it("States.StringSplit splits on every delimiter character and drops empty pieces", () => {
    expect(run("States.StringSplit($.inputString, $.splitter)", { inputString: "1,2,3,4,5", splitter: "," })).toEqual([
      "1",
      "2",
      "3",
      "4",
      "5",
    ]);
    expect(
      run("States.StringSplit($.inputString, $.splitter)", { inputString: "This.is+a,test=string", splitter: ".+,=" }),
    ).toEqual(["This", "is", "a", "test", "string"]);
    expect(run("States.StringSplit(',,,,', ',')")).toEqual([]);
    expect(run("States.StringSplit(', , ,', ',')")).toEqual([" ", " "]);
  });

  it("States.UUID returns a version 4 UUID", () => {
    expect(run("States.UUID()")).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe("parsing", () => {
  it("recognises invocations", () => {
    expect(isIntrinsic("States.Format('x')")).toBe(true);
    expect(isIntrinsic("$.States")).toBe(false);
  });

  it("parses literals, paths with brackets and nested calls", () => {
    expect(parseIntrinsic("States.Array(-1.5e2, true, null, $.a[?(@.b == 'x,y')], States.UUID())")).toEqual({
      kind: "call",
      name: "Array",
      args: [
        { kind: "literal", value: -150 },
        { kind: "literal", value: true },
        { kind: "literal", value: null },
        { kind: "path", path: "$.a[?(@.b == 'x,y')]" },
        { kind: "call", name: "UUID", args: [] },
      ],
    });
  });

  it("fails with States.IntrinsicFailure on bad syntax, unknown functions, arity and open escapes", () => {
    expect(failure("States.Format('x'").error).toBe("States.IntrinsicFailure");
    expect(failure("States.Nope(1)").error).toBe("States.IntrinsicFailure");
    expect(failure("States.ArrayLength()").error).toBe("States.IntrinsicFailure");
    expect(failure("States.Format('bad \\n escape')").error).toBe("States.IntrinsicFailure");
    expect(failure("States.Array($.missing)").error).toBe("States.IntrinsicFailure");
  });

  it("allows ten nested calls but not eleven", () => {
    const nest = (n: number): string => (n === 0 ? "1" : `States.Array(${nest(n - 1)})`);
    expect(run(nest(10))).toEqual([[[[[[[[[[1]]]]]]]]]]);
    expect(failure(nest(11)).error).toBe("States.IntrinsicFailure");
  });
});
