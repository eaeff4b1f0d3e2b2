import { describe, expect, it } from "vitest";
import { validateDefinition } from "@/lib/workflows/asl/validate";

const LAMBDA = "arn:aws:lambda:us-east-1:123456789012:function:Foo";
const text = (definition: unknown) => JSON.stringify(definition, null, 2);

/** The 1-based line of the first line of `text` containing `needle`. */
function lineOf(source: string, needle: string): number {
  return source.split("\n").findIndex((line) => line.includes(needle)) + 1;
}

describe("validateDefinition", () => {
  it("accepts the AWS docs Choice example machine and returns the definition", () => {
    const definition = {
      Comment: "Choice example",
      StartAt: "ChoiceStateX",
      States: {
        ChoiceStateX: {
          Type: "Choice",
          Choices: [
            { Not: { Variable: "$.type", StringEquals: "Private" }, Next: "Public" },
            { Variable: "$.value", NumericEquals: 0, Next: "ValueIsZero" },
          ],
          Default: "DefaultState",
        },
        Public: { Type: "Task", Resource: LAMBDA, Next: "NextState" },
        ValueIsZero: { Type: "Task", Resource: LAMBDA, Next: "NextState" },
        NextState: { Type: "Pass", End: true },
        DefaultState: { Type: "Fail", Cause: "No Matches!" },
      },
    };
    const result = validateDefinition(text(definition));
    expect(result.diagnostics).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.definition).toEqual(definition);
  });

  it("accepts a JSONata machine", () => {
    const definition = {
      QueryLanguage: "JSONata",
      StartAt: "A",
      States: { A: { Type: "Pass", Output: { x: "{% $states.input.x %}" }, End: true } },
    };
    expect(validateDefinition(text(definition)).ok).toBe(true);
  });

  it("reports JSON syntax errors with their line and column", () => {
    const source = '{\n  "StartAt": "A",\n  "States": {\n    "A": { "Type": "Pass" "End": true }\n  }\n}';
    const result = validateDefinition(source);
    expect(result.ok).toBe(false);
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({ code: "INVALID_JSON", line: 4, column: 27, path: "" });
    expect(validateDefinition('{"StartAt": "A"').diagnostics[0]?.message).toBe("Unexpected end of JSON input");
  });

  it("rejects a definition that is not an object", () => {
    expect(validateDefinition("[1]").diagnostics[0]?.code).toBe("SCHEMA_VALIDATION_FAILED");
  });

  it("locates a Next that names no state at the Next field", () => {
    const source = text({ StartAt: "A", States: { A: { Type: "Pass", Next: "B" } } });
    const result = validateDefinition(source);
    expect(result.ok).toBe(false);
    const missing = result.diagnostics.find((d) => d.code === "MISSING_TRANSITION_TARGET");
    expect(missing).toMatchObject({ path: "/States/A/Next", line: lineOf(source, '"Next"') });
    // asl-validator's global duplicate of the same problem is dropped.
    expect(result.diagnostics.filter((d) => d.code === "MISSING_TRANSITION_TARGET")).toHaveLength(1);
  });

  it("flags StartAt, Default and Catch targets that do not exist", () => {
    const source = text({
      StartAt: "Nope",
      States: {
        C: { Type: "Choice", Choices: [{ Variable: "$.x", IsNull: true, Next: "Gone" }], Default: "Lost" },
        T: { Type: "Task", Resource: LAMBDA, Catch: [{ ErrorEquals: ["States.ALL"], Next: "Away" }], End: true },
      },
    });
    const paths = validateDefinition(source)
      .diagnostics.filter((d) => d.code === "MISSING_TRANSITION_TARGET")
      .map((d) => d.path);
    expect(paths).toEqual(
      expect.arrayContaining(["/StartAt", "/States/C/Choices/0/Next", "/States/C/Default", "/States/T/Catch/0/Next"]),
    );
  });

  it("requires transitions to stay within a Parallel branch or Map processor", () => {
    const source = text({
      StartAt: "P",
      States: {
        P: {
          Type: "Parallel",
          Branches: [{ StartAt: "B", States: { B: { Type: "Pass", Next: "Done" } } }],
          Next: "Done",
        },
        Done: { Type: "Succeed" },
      },
    });
    const result = validateDefinition(source);
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map((d) => d.path)).toContain("/States/P/Branches/0/States/B/Next");
  });

  it("locates schema errors from asl-validator by its instance path", () => {
    const source = text({ StartAt: "A", States: { A: { Type: "Task", Resource: 5, End: true } } });
    const result = validateDefinition(source);
    const resource = result.diagnostics.filter((d) => d.path === "/States/A/Resource");
    expect(resource.map((d) => d.code)).toEqual(
      expect.arrayContaining(["SCHEMA_VALIDATION_FAILED", "INVALID_RESOURCE"]),
    );
    expect(resource[0]?.line).toBe(lineOf(source, '"Resource"'));
  });

  it("locates asl-validator's state-level messages at the state", () => {
    const source = text({ StartAt: "A", States: { A: { Type: "Wait", End: true } } });
    const result = validateDefinition(source);
    expect(result.diagnostics[0]).toMatchObject({
      code: "WAIT_DURATION",
      path: "/States/A",
      line: lineOf(source, '"A": {'),
    });
    const unreachable = validateDefinition(
      text({ StartAt: "A", States: { A: { Type: "Pass", End: true }, Orphan: { Type: "Pass", End: true } } }),
    );
    expect(unreachable.diagnostics[0]).toMatchObject({ code: "MISSING_TRANSITION_TARGET", path: "/States/Orphan" });
  });

  it("limits state names to 80 characters", () => {
    const name = "N".repeat(81);
    const result = validateDefinition(text({ StartAt: name, States: { [name]: { Type: "Pass", End: true } } }));
    expect(result.diagnostics.map((d) => d.code)).toContain("STATE_NAME_TOO_LONG");
  });

  it("requires States.ALL to be alone and last in Retry and Catch", () => {
    const definition = {
      StartAt: "T",
      States: {
        T: {
          Type: "Task",
          Resource: LAMBDA,
          Retry: [{ ErrorEquals: ["States.ALL", "X"] }],
          Catch: [
            { ErrorEquals: ["States.ALL"], Next: "F" },
            { ErrorEquals: ["X"], Next: "F" },
          ],
          End: true,
        },
        F: { Type: "Fail" },
      },
    };
    const paths = validateDefinition(text(definition))
      .diagnostics.filter((d) => d.code === "STATES_ALL_NOT_ALONE_AND_LAST")
      .map((d) => d.path);
    expect(paths).toEqual(["/States/T/Retry/0/ErrorEquals", "/States/T/Catch/0/ErrorEquals"]);
  });

  it("can skip the ARN check for Task resources", () => {
    const definition = text({ StartAt: "T", States: { T: { Type: "Task", Resource: "my-function", End: true } } });
    expect(validateDefinition(definition).ok).toBe(false);
    expect(validateDefinition(definition, { checkArn: false }).ok).toBe(true);
  });
});
