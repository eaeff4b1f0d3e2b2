import { describe, expect, it } from "vitest";
import { DEFAULT_PRICES, estimateCost, parsePrice, projectThirtyDaysUsd } from "@/lib/metrics/cost";

describe("estimateCost", () => {
  it("prices GB-seconds and requests at AWS's x86 defaults with no free tier", () => {
    // 1M invocations of 100 ms at 1024 MB = 100,000 GB-s → $1.66667 + $0.20.
    const c = estimateCost({ gbSeconds: 100_000, requests: 1_000_000 });
    expect(c.computeUsd).toBeCloseTo(1.66667, 5);
    expect(c.requestsUsd).toBeCloseTo(0.2, 10);
    expect(c.totalUsd).toBeCloseTo(1.86667, 5);
    expect(estimateCost({ gbSeconds: 0, requests: 0 })).toEqual({ computeUsd: 0, requestsUsd: 0, totalUsd: 0 });
  });

  it("uses the prices given", () => {
    const c = estimateCost({ gbSeconds: 10, requests: 500_000 }, { perGbSecondUsd: 0.001, perMillionRequestsUsd: 1 });
    expect(c).toEqual({ computeUsd: 0.01, requestsUsd: 0.5, totalUsd: 0.51 });
  });

  it("subtracts a free tier when one is given, never going below zero", () => {
    const prices = { ...DEFAULT_PRICES, freeGbSeconds: 400_000, freeRequests: 1_000_000 };
    expect(estimateCost({ gbSeconds: 100_000, requests: 900_000 }, prices).totalUsd).toBe(0);
    const c = estimateCost({ gbSeconds: 500_000, requests: 3_000_000 }, prices);
    expect(c.computeUsd).toBeCloseTo(1.66667, 5);
    expect(c.requestsUsd).toBeCloseTo(0.4, 10);
  });
});

describe("parsePrice", () => {
  it("reads non-negative decimals and rejects the rest", () => {
    expect(parsePrice("0.20")).toBe(0.2);
    expect(parsePrice(" 0.0000166667 ")).toBe(0.0000166667);
    expect(parsePrice("1.6e-5")).toBe(0.000016);
    expect(parsePrice("0")).toBe(0);
    for (const bad of ["", ".", "-1", "abc", "1,5", "Infinity", "0x10"]) expect(parsePrice(bad)).toBeNull();
  });
});

describe("projectThirtyDaysUsd", () => {
  it("scales the measured cost to 30 days", () => {
    expect(projectThirtyDaysUsd(0.01, 3_600_000)).toBeCloseTo(7.2, 10);
    expect(projectThirtyDaysUsd(1, 0)).toBe(0);
  });
});
