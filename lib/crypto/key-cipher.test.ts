import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createKeyCipher } from "@/lib/crypto/key-cipher";

describe("secret cipher", () => {
  const cipher = createKeyCipher(randomBytes(32));

  it("round-trips and never stores the plain text", () => {
    const sealed = cipher.seal("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "AKID1");
    expect(sealed.includes(Buffer.from("wJalrXUtnFEMI"))).toBe(false);
    expect(cipher.open(sealed, "AKID1")).toBe("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
  });

  it("refuses a secret moved to another id, a tampered one, or another master key", () => {
    const sealed = cipher.seal("s3cret-value", "AKID1");
    expect(() => cipher.open(sealed, "AKID2")).toThrow();
    const bad = Buffer.from(sealed);
    bad[bad.length - 1]! ^= 1;
    expect(() => cipher.open(bad, "AKID1")).toThrow();
    expect(() => createKeyCipher(randomBytes(32)).open(sealed, "AKID1")).toThrow();
  });

  it("opens secrets under the previous key during a rotation, and seals new ones under the current key", () => {
    const oldKey = randomBytes(32);
    const newKey = randomBytes(32);
    const sealedOld = createKeyCipher(oldKey).seal("rotating", "AKID9");
    const rotating = createKeyCipher(newKey, oldKey);
    expect(rotating.open(sealedOld, "AKID9")).toBe("rotating");
    const resealed = rotating.seal("rotating", "AKID9");
    expect(resealed.subarray(0, 12).equals(rotating.header)).toBe(true);
    expect(createKeyCipher(newKey).open(resealed, "AKID9")).toBe("rotating");
    expect(() => createKeyCipher(newKey).open(sealedOld, "AKID9")).toThrow(/does not hold/);
  });
});
