import { describe, expect, it } from "vitest";
import { decodeReceipt, encodeReceipt } from "@/lib/message-queues/receipt";

describe("receipt handles", () => {
  it("carry the message's row and its receive's token", () => {
    const token = "0f8fad5b-d9cb-469f-a165-70867728950e";
    expect(decodeReceipt(encodeReceipt("42", token))).toEqual({ seq: "42", token });
  });

  it("are refused when they are not ours", () => {
    for (const bad of ["", "x", Buffer.from("42:nothex").toString("base64url"), "a".repeat(200)])
      expect(decodeReceipt(bad)).toBeNull();
  });
});
