import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createSecretCipher } from "./secret-cipher";

describe("secret cipher", () => {
  const cipher = createSecretCipher(randomBytes(32));

  it("round-trips and never stores the plain text", () => {
    const sealed = cipher.seal("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "AKID1");
    expect(sealed.includes(Buffer.from("wJalrXUtnFEMI"))).toBe(false);
    expect(cipher.open(sealed, "AKID1")).toBe("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
  });

  it("refuses a secret moved to another id, a tampered one, or another master key", () => {
    const sealed = cipher.seal("s3cret-value", "AKID1");
    expect(() => cipher.open(sealed, "AKID2")).toThrow();
    const bad = Buffer.from(sealed);
    bad[bad.length - 1] ^= 1;
    expect(() => cipher.open(bad, "AKID1")).toThrow();
    expect(() => createSecretCipher(randomBytes(32)).open(sealed, "AKID1")).toThrow();
  });
});
