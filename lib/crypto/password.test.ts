import { describe, expect, it } from "vitest";
import { DEFAULT_PARAMS, hashPassword, needsRehash, parseHash, verifyPassword } from "@/lib/crypto/password";

describe("password hashing (scrypt)", () => {
  it("round-trips and encodes its parameters, salt and key", async () => {
    const h = await hashPassword("correct horse battery");
    expect(h).toMatch(/^scrypt\$N=32768,r=8,p=1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
    const parsed = parseHash(h)!;
    expect(parsed.params).toEqual(DEFAULT_PARAMS);
    expect(parsed.salt).toHaveLength(16);
    expect(parsed.key).toHaveLength(32);
    expect(await verifyPassword("correct horse battery", h)).toBe(true);
    expect(await verifyPassword("correct horse batterY", h)).toBe(false);
    expect(await verifyPassword("", h)).toBe(false);
  });

  it("salts every hash", async () => {
    const [a, b] = await Promise.all([hashPassword("same password"), hashPassword("same password")]);
    expect(a).not.toBe(b);
  });

  it("verifies hashes made with other parameters and says when to rehash", async () => {
    const weak = await hashPassword("pw-12345", { N: 1024, r: 8, p: 1 });
    expect(weak.startsWith("scrypt$N=1024,r=8,p=1$")).toBe(true);
    expect(await verifyPassword("pw-12345", weak)).toBe(true);
    expect(needsRehash(weak)).toBe(true);
    expect(needsRehash(await hashPassword("pw-12345"))).toBe(false);
  });

  it("treats unreadable or absurd hashes as a failed check instead of throwing", async () => {
    expect(await verifyPassword("x", "")).toBe(false);
    expect(await verifyPassword("x", "bcrypt$2b$10$abc")).toBe(false);
    expect(await verifyPassword("x", "scrypt$N=1073741824,r=8,p=1$AAAA$AAAA")).toBe(false);
    expect(await verifyPassword("x", "scrypt$N=1000,r=8,p=1$AAAA$AAAA")).toBe(false); // N not a power of two
  });
});
