import { describe, expect, it } from "vitest";
import { lineStream } from "@/lib/http/line-stream";

describe("a line stream", () => {
  it("sends one JSON value a line, and holds the producer while nobody reads", async () => {
    const s = lineStream();
    let held = 0;
    for (let i = 0; i < 20; i++) if (s.push({ i })) held++;
    expect(held).toBeGreaterThan(0); // past the high-water mark, pushes wait
    s.close();
    const text = await new Response(s.body).text();
    expect(
      text
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l).i),
    ).toEqual([...Array(20).keys()]);
  });

  it("drops what is pushed after the reader went away", async () => {
    const s = lineStream();
    await s.body.cancel();
    expect(s.push({ late: true })).toBeUndefined();
    s.close();
  });
});
