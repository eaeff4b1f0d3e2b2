import { describe, expect, it } from "vitest";
import { judge } from "@/lib/services/rollouts/judge";

const limits = { maxErrorRateIncrease: 5, maxP99Ratio: 2, minInvocations: 20 };
const stats = (version: string, invocations: number, errors: number, p99Ms: number | null) => ({
  version,
  invocations,
  errors,
  errorRate: invocations ? Math.round((errors / invocations) * 10_000) / 100 : 0,
  p99Ms,
});

describe("judge", () => {
  it("gives no verdict on too few invocations of the new version", () => {
    expect(judge(limits, stats("1", 500, 0, 10), stats("2", 19, 19, 900))).toMatchObject({ verdict: "too-few" });
  });
  it("rolls back on an error rate over the stable one's by more than the threshold", () => {
    const v = judge(limits, stats("1", 200, 2, 10), stats("2", 40, 10, 10));
    expect(v.verdict).toBe("rollback");
    expect(v.message).toBe("version 2 failed 10 of 40 (25%), 24 points over version 1's 1% (allowed: 5)");
    // Exactly at the threshold is still healthy.
    expect(judge(limits, stats("1", 100, 0, 10), stats("2", 100, 5, 10)).verdict).toBe("healthy");
  });
  it("rolls back on a p99 over the ratio, ignoring gaps of a few ms and unwatched latency", () => {
    expect(judge(limits, stats("1", 100, 0, 20), stats("2", 100, 0, 61))).toMatchObject({
      verdict: "rollback",
      message: "version 2's p99 61 ms is 3.1× version 1's 20 ms (allowed: 2×)",
    });
    expect(judge(limits, stats("1", 100, 0, 1), stats("2", 100, 0, 4)).verdict).toBe("healthy");
    expect(judge({ ...limits, maxP99Ratio: 0 }, stats("1", 100, 0, 20), stats("2", 100, 0, 900)).verdict).toBe(
      "healthy",
    );
    // Without enough stable traffic to compare with, latency is not judged.
    expect(judge(limits, stats("1", 3, 0, 20), stats("2", 100, 0, 900)).verdict).toBe("healthy");
  });
});
