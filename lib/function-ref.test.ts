import { describe, expect, it } from "vitest";
import { parseFunctionRef } from "@/lib/function-ref";

describe("function references", () => {
  it.each([
    ["my-fn", "my-fn", "$LATEST"],
    ["my-fn:$LATEST", "my-fn", "$LATEST"],
    ["arn:aws:lambda:us-east-1:000000000000:function:my-fn", "my-fn", "$LATEST"],
    ["arn:aws:lambda:us-east-1:000000000000:function:my-fn:prod", "my-fn", "prod"],
    ["000000000000:function:my_fn", "my_fn", "$LATEST"],
  ])("%s", (ref, name, qualifier) => {
    expect(parseFunctionRef(ref)).toEqual({ name, qualifier });
  });

  it("refuses malformed names", () => {
    expect(() => parseFunctionRef("bad name")).toThrow(/failed to satisfy constraint/);
    expect(() => parseFunctionRef("a".repeat(65))).toThrow(/between 1 and 64/);
  });
});
