import { describe, expect, it } from "vitest";
import { encodeFrame, FrameError, FrameReader } from "@/lib/executor/protocol";

describe("frames", () => {
  it("reassembles frames split across and packed into chunks", () => {
    const got: Array<[unknown, string]> = [];
    const reader = new FrameReader((h, b) => got.push([h, b.toString()]), 1024 * 1024);
    const a = encodeFrame({ t: "a" }, Buffer.from("x".repeat(100_000)));
    const b = encodeFrame({ t: "b" });
    const c = encodeFrame({ t: "c" }, Buffer.from("body"));
    const all = Buffer.concat([a, b, c]);
    for (let i = 0; i < all.length; i += 7919) reader.push(all.subarray(i, i + 7919));
    expect(got.map(([h]) => h)).toEqual([{ t: "a" }, { t: "b" }, { t: "c" }]);
    expect(got[0]![1].length).toBe(100_000);
    expect(got[2]![1]).toBe("body");
  });

  it("refuses a frame over the limit before buffering it", () => {
    const reader = new FrameReader(() => {}, 1000);
    expect(() => reader.push(encodeFrame({ t: "big" }, Buffer.alloc(2000)).subarray(0, 16))).toThrow(FrameError);
  });
});
