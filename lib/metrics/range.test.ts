import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { bucketWindow, parseRange } from "@/lib/metrics/range";

describe("parseRange", () => {
  it("accepts the three ranges and defaults an absent one to 1h", () => {
    expect(parseRange("1h")).toBe("1h");
    expect(parseRange("24h")).toBe("24h");
    expect(parseRange("7d")).toBe("7d");
    expect(parseRange(null)).toBe("1h");
    expect(parseRange("")).toBe("1h");
  });

  it("refuses anything else with a 400 that names the allowed values", () => {
    for (const bad of ["2d", "1H", "60m", " 1h"]) {
      const err = (() => {
        try {
          parseRange(bad);
        } catch (e) {
          return e;
        }
      })();
      expect(err).toBeInstanceOf(AppError);
      expect(err).toMatchObject({ code: "InvalidParameterValueException", status: 400 });
      expect((err as Error).message).toBe(`range must be one of 1h, 24h, 7d (got "${bad}")`);
    }
  });
});

describe("bucketWindow", () => {
  const now = Date.UTC(2026, 10, 27, 14, 5, 30, 250); // 14:05:30.250 UTC

  it("cuts 1h into 60 one-minute buckets, the last one holding now", () => {
    const w = bucketWindow("1h", now);
    expect(w).toEqual({
      stepMs: 60_000,
      count: 60,
      toMs: Date.UTC(2026, 10, 27, 14, 6),
      fromMs: Date.UTC(2026, 10, 27, 13, 6),
    });
    expect(w.fromMs).toBeGreaterThan(now - 3_600_000);
  });

  it("cuts 24h into 96 quarter hours and 7d into 84 two-hour buckets, aligned to UTC", () => {
    expect(bucketWindow("24h", now)).toMatchObject({
      stepMs: 900_000,
      count: 96,
      toMs: Date.UTC(2026, 10, 27, 14, 15),
    });
    expect(bucketWindow("7d", now)).toMatchObject({
      stepMs: 7_200_000,
      count: 84,
      toMs: Date.UTC(2026, 10, 27, 16),
      fromMs: Date.UTC(2026, 10, 20, 16),
    });
  });

  it("keeps the same buckets for refreshes within one bucket", () => {
    expect(bucketWindow("1h", now + 20_000)).toEqual(bucketWindow("1h", now));
    expect(bucketWindow("1h", Date.UTC(2026, 10, 27, 14, 6)).toMs).toBe(Date.UTC(2026, 10, 27, 14, 7));
  });
});
