import { describe, expect, it } from "vitest";
import { eventSourceKeys, mappingsRefetchMs, TRIGGERS_REFRESH_MS } from "@/lib/queries/event-sources";
import { activityRefetchMs, queueKeys } from "@/lib/queries/queues";

describe("event source and queue queries", () => {
  it("polls quickly only while a mapping passes between states", () => {
    expect(mappingsRefetchMs(undefined)).toBe(TRIGGERS_REFRESH_MS);
    expect(mappingsRefetchMs([{ state: "Enabled" }, { state: "Disabled" }])).toBe(TRIGGERS_REFRESH_MS);
    for (const state of ["Creating", "Enabling", "Disabling", "Updating"])
      expect(mappingsRefetchMs([{ state: "Enabled" }, { state }])).toBe(1_000);
  });

  it("refreshes the last hour's traffic more often than the longer spans", () => {
    expect(activityRefetchMs(1)).toBeLessThan(activityRefetchMs(6));
    expect(activityRefetchMs(6)).toBe(activityRefetchMs(24));
  });

  it("keys every query under its resource, so one invalidation reaches them all", () => {
    expect(queueKeys.activity("q", 6).slice(0, 1)).toEqual(queueKeys.all);
    expect(queueKeys.messages("q").slice(0, 1)).toEqual(queueKeys.all);
    expect(eventSourceKeys.queue("q").slice(0, 1)).toEqual(eventSourceKeys.all);
    expect(eventSourceKeys.function("f")).not.toEqual(eventSourceKeys.queue("f"));
  });
});
