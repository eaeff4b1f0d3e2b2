import { describe, expect, it } from "vitest";
import { PreludeReader } from "@/lib/url/stream-prelude";

const NUL8 = Buffer.alloc(8);

describe("the streamed response's prelude", () => {
  it("is read across chunks, and what follows the delimiter is body", () => {
    const r = new PreludeReader();
    const whole = Buffer.concat([
      Buffer.from('{"statusCode":201,"headers":{"a":"b"}}'),
      NUL8,
      Buffer.from("data: 1\n\n"),
    ]);
    expect(r.feed(whole.subarray(0, 10))).toEqual({ state: "need-more" });
    expect(r.feed(whole.subarray(10, 42))).toEqual({ state: "need-more" });
    expect(r.feed(whole.subarray(42))).toEqual({
      state: "done",
      prelude: { statusCode: 201, headers: { a: "b" } },
      rest: Buffer.from("data: 1\n\n"),
    });
  });

  it("refuses a prelude that is not a JSON object, or never ends", () => {
    expect(new PreludeReader().feed(Buffer.concat([Buffer.from("[1]"), NUL8]))).toMatchObject({ state: "invalid" });
    expect(new PreludeReader().feed(Buffer.concat([Buffer.from("{nope"), NUL8]))).toMatchObject({ state: "invalid" });
    const r = new PreludeReader();
    expect(r.feed(Buffer.alloc(70 * 1024, 97))).toMatchObject({
      state: "invalid",
      reason: expect.stringMatching(/delimiter/),
    });
  });

  it("treats an ended stream's bytes as the prelude, and no bytes as an empty one", () => {
    const r = new PreludeReader();
    r.feed(Buffer.from('{"statusCode":204}'));
    expect(r.end()).toMatchObject({ state: "done", prelude: { statusCode: 204 } });
    expect(new PreludeReader().end()).toMatchObject({ state: "done", prelude: {} });
  });
});
