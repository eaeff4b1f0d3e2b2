import { describe, expect, it } from "vitest";
import { eventTemplates, jsonProblem, pretty } from "@/lib/code/event-templates";

describe("test event templates", () => {
  it("are all valid JSON once printed", () => {
    for (const t of Object.values(eventTemplates)) expect(jsonProblem(pretty(t.event))).toBeNull();
  });

  it("explain what is wrong with invalid JSON", () => {
    expect(jsonProblem('{ "a": ')).toMatch(/^Invalid JSON: /);
    expect(jsonProblem("")).toMatch(/^Invalid JSON/);
  });

  it("offer the kinds the AWS console offers", () => {
    expect(eventTemplates.scheduled!.event).toMatchObject({ "detail-type": "Scheduled Event", source: "aws.events" });
    expect((eventTemplates.sqs!.event as { Records: unknown[] }).Records).toHaveLength(1);
  });
});
