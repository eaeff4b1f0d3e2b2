import { describe, expect, it } from "vitest";
import {
  canRedrive,
  eventTone,
  formatElapsed,
  inputProblem,
  prettyJson,
  readableDetails,
  resourceNameProblem,
} from "@/components/workflows/execution-format";

const at = (ms: number) => new Date(Date.UTC(2026, 0, 1) + ms).toISOString();

describe("formatElapsed", () => {
  it("uses the largest unit that reads well", () => {
    expect(formatElapsed(at(0), at(850))).toBe("850 ms");
    expect(formatElapsed(at(0), at(4_200))).toBe("4.2 s");
    expect(formatElapsed(at(0), at(42_000))).toBe("42 s");
    expect(formatElapsed(at(0), at(192_000))).toBe("3 min 12 s");
    expect(formatElapsed(at(0), at(7_500_000))).toBe("2 h 5 min");
    expect(formatElapsed(at(0), at(90_000_000))).toBe("1 d 1 h");
  });

  it("counts to now while the execution runs", () => {
    expect(formatElapsed(at(0), null, Date.parse(at(1_500)))).toBe("1.5 s");
  });
});

describe("prettyJson", () => {
  it("indents JSON and leaves other text alone", () => {
    expect(prettyJson('{"a":1}')).toBe('{\n  "a": 1\n}');
    expect(prettyJson("not json")).toBe("not json");
    expect(prettyJson(null)).toBe("");
  });
});

describe("canRedrive", () => {
  it("allows failed, timed-out and aborted Standard executions only", () => {
    expect(canRedrive({ type: "STANDARD", status: "FAILED" })).toBe(true);
    expect(canRedrive({ type: "STANDARD", status: "ABORTED" })).toBe(true);
    expect(canRedrive({ type: "STANDARD", status: "SUCCEEDED" })).toBe(false);
    expect(canRedrive({ type: "EXPRESS", status: "FAILED" })).toBe(false);
  });
});

describe("resourceNameProblem and inputProblem", () => {
  it("follow the API's rules", () => {
    expect(resourceNameProblem("order-flow_1", "name")).toBeNull();
    expect(resourceNameProblem("", "name")).toBe("Enter a name.");
    expect(resourceNameProblem("a b", "name")).toMatch(/may not contain spaces/);
    expect(resourceNameProblem("x".repeat(81), "name")).toMatch(/at most 80/);
    expect(inputProblem('{"a": 1}')).toBeNull();
    expect(inputProblem("{a")).toMatch(/^The input is not JSON/);
  });
});

describe("readableDetails and eventTone", () => {
  it("parses the JSON text an event carries and leaves the rest", () => {
    expect(JSON.parse(readableDetails({ name: "A", input: '{"a":1}', output: "2", note: "x" }))).toEqual({
      name: "A",
      input: { a: 1 },
      output: 2,
      note: "x",
    });
    expect(readableDetails(null)).toBe("No details");
  });

  it("colours failures and successes", () => {
    expect(eventTone("LambdaFunctionFailed")).toBe("error");
    expect(eventTone("ExecutionAborted")).toBe("error");
    expect(eventTone("TaskSucceeded")).toBe("success");
    expect(eventTone("TaskStateEntered")).toBe("neutral");
  });
});
