import { describe, expect, it } from "vitest";
import {
  filterPatternProblem,
  NEW_TRIGGER,
  resultTone,
  stateTone,
  toMappingRequest,
  triggerFieldOfError,
  validateTrigger,
} from "@/components/event-sources/trigger-form";

const ctx = { visibilityTimeoutSec: 30, functionTimeoutSec: 3 };
const draft = { ...NEW_TRIGGER, queueName: "orders" };

describe("trigger form rules", () => {
  it("accepts Lambda's defaults once a queue is chosen", () => {
    expect(validateTrigger(NEW_TRIGGER, ctx).queueName).toBe("Choose a queue");
    expect(validateTrigger(draft, ctx)).toEqual({});
  });

  it("mirrors Lambda's rule: a batch over 10 needs a window of at least 1 s", () => {
    expect(validateTrigger({ ...draft, batchSize: "11" }, ctx).windowSec).toBe(
      "A batch size over 10 needs a batching window of at least 1 second",
    );
    expect(validateTrigger({ ...draft, batchSize: "11", windowSec: "1" }, ctx)).toEqual({});
    expect(validateTrigger({ ...draft, batchSize: "10001" }, ctx).batchSize).toMatch(/between 1 and 10000/);
    expect(validateTrigger({ ...draft, windowSec: "301" }, ctx).windowSec).toMatch(/between 0 and 300/);
    expect(validateTrigger({ ...draft, maxConcurrency: "1" }, ctx).maxConcurrency).toMatch(/between 2 and 1000/);
  });

  it("refuses a queue whose visibility timeout is shorter than the function's timeout", () => {
    expect(validateTrigger(draft, { visibilityTimeoutSec: 2, functionTimeoutSec: 3 }).queueName).toMatch(
      /visibility timeout \(2 s\) is shorter than this function's timeout \(3 s\)/,
    );
  });

  it("wants a filter pattern to be a JSON object", () => {
    expect(filterPatternProblem("")).toBeNull();
    expect(filterPatternProblem('{"body": {"kind": ["order"]}}')).toBeNull();
    expect(filterPatternProblem("{nope")).toMatch(/^The filter pattern is not JSON/);
    expect(filterPatternProblem("[1]")).toMatch(/must be a JSON object/);
  });

  it("builds the request", () => {
    expect(
      toMappingRequest({ ...draft, filterPattern: ' {"body": {"k": ["v"]}} ', maxConcurrency: "5" }, "fn"),
    ).toEqual({
      functionName: "fn",
      queueName: "orders",
      batchSize: 10,
      maxBatchingWindowSec: 0,
      reportBatchItemFailures: false,
      filterCriteria: { Filters: [{ Pattern: '{"body": {"k": ["v"]}}' }] },
      maxConcurrency: 5,
      enabled: true,
    });
    expect(toMappingRequest(draft, "fn")).toMatchObject({ filterCriteria: null, maxConcurrency: null });
  });

  it("puts server errors next to their field, and tones states and results", () => {
    expect(
      triggerFieldOfError(undefined, "Maximum batch window in seconds must be greater than 0 if maximum batch size"),
    ).toBe("windowSec");
    expect(triggerFieldOfError(undefined, "Queue visibility timeout: 2 seconds is less than Function timeout")).toBe(
      "queueName",
    );
    expect(triggerFieldOfError("filterCriteria", "x")).toBe("filterPattern");
    expect(triggerFieldOfError(undefined, "Function not found")).toBeNull();
    expect(stateTone("Enabled")).toBe("success");
    expect(stateTone("Disabling")).toBe("warning");
    expect(stateTone("Disabled")).toBe("neutral");
    expect(resultTone({ lastProcessingResult: "PROBLEM: Function call failed" })).toBe("error");
    expect(resultTone({ lastProcessingResult: "OK (1 of 3 reported as failed)" })).toBe("warning");
    expect(resultTone({ lastProcessingResult: "OK" })).toBe("success");
    expect(resultTone({ lastProcessingResult: "No records processed" })).toBe("neutral");
  });
});
