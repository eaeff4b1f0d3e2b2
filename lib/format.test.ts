import { describe, expect, it } from "vitest";
import { formatCount, formatMs } from "@/lib/format";

describe("formatting", () => {
  it("formats durations readably", () => {
    expect(formatMs(0.345)).toBe("0.34 ms");
    expect(formatMs(5.5)).toBe("5.50 ms");
    expect(formatMs(250)).toBe("250 ms");
    expect(formatMs(3000)).toBe("3.00 s");
    expect(formatMs(null)).toBe("—");
  });
  it("formats counts compactly", () => {
    expect(formatCount(999)).toBe("999");
    expect(formatCount(12_345)).toBe("12.3k");
    expect(formatCount(2_500_000)).toBe("2.5M");
  });
});
