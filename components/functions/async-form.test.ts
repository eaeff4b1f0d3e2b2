import { describe, expect, it } from "vitest";
import {
  asyncFieldOfError,
  destinationProblem,
  draftOfConfig,
  toAsyncRequest,
  validateAsync,
  type AsyncDraft,
} from "@/components/functions/async-form";

const defaults: AsyncDraft = draftOfConfig({
  maximumRetryAttempts: 2,
  maximumEventAgeSeconds: 21600,
  onSuccessDestination: null,
  onFailureDestination: null,
});

describe("validateAsync", () => {
  it("accepts Lambda's defaults", () => {
    expect(defaults).toEqual({
      maximumRetryAttempts: "2",
      maximumEventAgeSeconds: "21600",
      onSuccessDestination: "",
      onFailureDestination: "",
    });
    expect(validateAsync(defaults, "fn")).toEqual({});
  });

  it("checks retries and the event age range", () => {
    expect(validateAsync({ ...defaults, maximumRetryAttempts: "3" }, "fn").maximumRetryAttempts).toBe(
      "Retry attempts must be 0, 1 or 2",
    );
    for (const bad of ["59", "21601", "", "1e3", "60.5"])
      expect(validateAsync({ ...defaults, maximumEventAgeSeconds: bad }, "fn").maximumEventAgeSeconds, bad).toMatch(
        /between 60 and 21600 seconds/,
      );
    for (const ok of ["60", "21600", " 3600 "])
      expect(validateAsync({ ...defaults, maximumEventAgeSeconds: ok }, "fn"), ok).toEqual({});
  });

  it("takes function names, Lambda ARNs and queue ARNs as destinations", () => {
    expect(destinationProblem("other-fn", "fn")).toBeNull();
    expect(destinationProblem(" arn:aws:lambda:us-east-1:123456789012:function:other_fn ", "fn")).toBeNull();
    expect(destinationProblem("arn:aws:sqs:us-east-1:123456789012:queue", "fn")).toBeNull();
    expect(destinationProblem("arn:aws:sns:us-east-1:123456789012:topic", "fn")).toMatch(
      /function name, a Lambda function ARN or an SQS queue ARN/,
    );
    expect(destinationProblem("has space", "fn")).toMatch(/function name/);
    expect(destinationProblem("a".repeat(65), "fn")).toMatch(/function name/);
  });

  it("refuses the function itself, by name or ARN", () => {
    expect(validateAsync({ ...defaults, onFailureDestination: "fn" }, "fn").onFailureDestination).toBe(
      "A function cannot be its own destination",
    );
    expect(
      validateAsync({ ...defaults, onSuccessDestination: "arn:aws:lambda:us-east-1:123456789012:function:fn" }, "fn")
        .onSuccessDestination,
    ).toBe("A function cannot be its own destination");
  });
});

describe("toAsyncRequest", () => {
  it("sends numbers and null for no destination", () => {
    expect(
      toAsyncRequest({
        maximumRetryAttempts: "0",
        maximumEventAgeSeconds: " 120 ",
        onSuccessDestination: "  ",
        onFailureDestination: " dlq-handler ",
      }),
    ).toEqual({
      maximumRetryAttempts: 0,
      maximumEventAgeSeconds: 120,
      onSuccessDestination: null,
      onFailureDestination: "dlq-handler",
    });
  });
});

describe("asyncFieldOfError", () => {
  it("maps server errors to fields", () => {
    expect(asyncFieldOfError("maximumEventAgeSeconds", "x")).toBe("maximumEventAgeSeconds");
    expect(asyncFieldOfError(undefined, "A function cannot be its own destination")).toBe("onFailureDestination");
    expect(asyncFieldOfError(undefined, "Function not found")).toBeNull();
  });
});
