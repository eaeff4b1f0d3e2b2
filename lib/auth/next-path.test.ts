import { describe, expect, it } from "vitest";
import { safeNext } from "@/lib/auth/next-path";

describe("safeNext", () => {
  it("keeps paths on this site and drops everything else", () => {
    expect(safeNext("/functions/a?tab=logs")).toBe("/functions/a?tab=logs");
    for (const bad of [
      null,
      "",
      "functions",
      "//evil.example",
      "/\\evil.example",
      "https://evil.example/",
      "javascript:alert(1)",
      "/x\n/y",
    ])
      expect(safeNext(bad)).toBe("/");
  });
});
