import { describe, expect, it } from "vitest";
import { flexibleOffsetMs, retryDelayMs, scheduleArn, scheduledEvent } from "@/lib/scheduler/delivery";

describe("flexible time window offsets", () => {
  it("are 0 when the window is OFF", () => {
    expect(flexibleOffsetMs("a", 0, null)).toBe(0);
    expect(flexibleOffsetMs("a", 0, 0)).toBe(0);
  });

  it("stay inside the window, are the same on every call, and spread across it", () => {
    const windowMs = 15 * 60_000;
    const offsets = Array.from({ length: 2000 }, (_, i) => flexibleOffsetMs("sched-1", i * 60_000, 15));
    for (const o of offsets) {
      expect(o).toBeGreaterThanOrEqual(0);
      expect(o).toBeLessThan(windowMs);
      expect(Number.isInteger(o)).toBe(true);
    }
    expect(flexibleOffsetMs("sched-1", 120_000, 15)).toBe(offsets[2]);
    // Roughly uniform: each quarter of the window gets a fair share.
    for (let q = 0; q < 4; q++) {
      const n = offsets.filter((o) => Math.floor((o / windowMs) * 4) === q).length;
      expect(n).toBeGreaterThan(400);
      expect(n).toBeLessThan(600);
    }
    expect(flexibleOffsetMs("sched-2", 0, 15)).not.toBe(flexibleOffsetMs("sched-1", 0, 15));
  });
});

describe("delivery retries", () => {
  it("back off exponentially from the base, capped at a minute", () => {
    expect([2, 3, 4, 5].map((a) => retryDelayMs(a))).toEqual([1000, 2000, 4000, 8000]);
    expect(retryDelayMs(100)).toBe(60_000);
    expect(retryDelayMs(3, 10)).toBe(20);
  });
});

describe("the Scheduled Event", () => {
  it("names the schedule by its group and the slot's time", () => {
    const e = scheduledEvent(
      { region: "eu-west-1", accountId: "123456789012" },
      { groupName: "default", name: "n" },
      Date.UTC(2026, 0, 2, 3, 4, 5, 678),
    );
    expect(e).toMatchObject({
      "detail-type": "Scheduled Event",
      source: "aws.events",
      time: "2026-01-02T03:04:05Z",
      resources: [scheduleArn("eu-west-1", "123456789012", "default", "n")],
    });
    expect(e.resources[0]).toBe("arn:aws:scheduler:eu-west-1:123456789012:schedule/default/n");
  });
});
