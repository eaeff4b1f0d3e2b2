import { describe, expect, it } from "vitest";
import { activitySummary, bucketActivity } from "@/components/queues/activity";

const at = (min: number, sent = 0, received = 0, deleted = 0) => ({
  t: new Date(Date.UTC(2025, 0, 1, 12, min)).toISOString(),
  sent,
  received,
  deleted,
});

describe("queue activity buckets", () => {
  it("keeps minutes for the last hour", () => {
    const s = bucketActivity([at(0, 1), at(1, 2, 1, 1)], 1);
    expect(s.stepMs).toBe(60_000);
    expect(s.buckets.map((b) => b.sent)).toEqual([1, 2]);
    expect(s.totals).toEqual({ sent: 3, received: 1, deleted: 1 });
  });

  it("adds minutes up into 5- and 15-minute buckets aligned to the clock", () => {
    const points = Array.from({ length: 30 }, (_, i) => at(i, 1, 1, i % 2));
    const six = bucketActivity(points, 6);
    expect(six.buckets).toHaveLength(6);
    expect(six.buckets[0]).toMatchObject({ t: Date.UTC(2025, 0, 1, 12, 0), sent: 5, received: 5, deleted: 2 });
    const day = bucketActivity(points, 24);
    expect(day.buckets.map((b) => b.sent)).toEqual([15, 15]);
    expect(bucketActivity([], 24)).toEqual({
      stepMs: 900_000,
      buckets: [],
      totals: { sent: 0, received: 0, deleted: 0 },
    });
  });

  it("says the totals in words", () => {
    expect(activitySummary({ sent: 1200, received: 3, deleted: 0 }, 6)).toBe(
      "1,200 sent, 3 received, 0 deleted in the last 6 hours",
    );
  });
});
