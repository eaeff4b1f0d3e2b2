import { describe, expect, it } from "vitest";
import { triggerLabel } from "@/components/logs/trigger-label";

describe("trigger label", () => {
  it("shows a queue batch as SQS, its queue and its size", () => {
    const arn = "arn:aws:sqs:us-east-1:000000000000:orders";
    expect(triggerLabel({ trigger: "sqs", eventSource: { arn, batchSize: 10 } })).toEqual({
      text: "SQS · 10 records",
      source: "orders",
      full: "SQS · orders · 10 records",
    });
    expect(triggerLabel({ trigger: "sqs", eventSource: { arn, batchSize: 1 } }).full).toBe("SQS · orders · 1 record");
    expect(triggerLabel({ trigger: "sqs", eventSource: { arn, batchSize: null } }).full).toBe("SQS · orders");
  });

  it("leaves other triggers as recorded", () => {
    expect(triggerLabel({ trigger: "console", eventSource: null })).toEqual({
      text: "console",
      source: null,
      full: "console",
    });
  });
});
