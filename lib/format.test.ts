import { describe, expect, it } from "vitest";
import { formatCount, formatMs, formatRelative } from "@/lib/format";

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
  it("says how long ago in the largest whole unit", () => {
    const now = Date.parse("2026-12-06T12:00:00Z");
    const ago = (s: number) => formatRelative(new Date(now - s * 1000).toISOString(), now);
    expect(ago(3)).toBe("just now");
    expect(ago(-3)).toBe("just now");
    expect(ago(42)).toBe("42 s ago");
    expect(ago(125)).toBe("2 min ago");
    expect(ago(3 * 3600 + 59)).toBe("3 h ago");
    expect(ago(86_400 + 5)).toBe("1 day ago");
    expect(ago(5 * 86_400)).toBe("5 days ago");
    expect(ago(90 * 86_400)).toBe("3 mo ago");
    expect(ago(800 * 86_400)).toBe("2 y ago");
    expect(ago(-600)).toBe("in 10 min");
  });
});
