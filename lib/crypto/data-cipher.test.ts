import { describe, expect, it } from "vitest";
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createCipheriv } from "node:crypto";
import {
  CodeIntegrityError,
  createDataCipher,
  loadMasterKey,
  parseMasterKey,
  sealedKeyId,
} from "@/lib/crypto/data-cipher";

const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("base64");

describe("code at rest", () => {
  const cipher = createDataCipher(randomBytes(32));
  const zip = Buffer.from("PK\u0003\u0004 export const handler = async () => 'secret source';");

  it("seals so the source is not readable, and opens back to the same bytes", () => {
    const sealed = cipher.seal(zip);
    expect(sealed.includes(Buffer.from("secret source"))).toBe(false);
    expect(cipher.open(sealed, sha(zip)).equals(zip)).toBe(true);
  });

  it("refuses altered bytes, another key, and a package that does not match its CodeSha256", () => {
    const sealed = cipher.seal(zip);
    const flipped = Buffer.from(sealed);
    flipped[flipped.length - 1]! ^= 1;
    expect(() => cipher.open(flipped, sha(zip))).toThrow(CodeIntegrityError);
    expect(() => createDataCipher(randomBytes(32)).open(sealed, sha(zip))).toThrow(
      /neither the current key nor the previous/,
    );
    expect(() => cipher.open(zip, sha(Buffer.from("other")))).toThrow(/does not match its CodeSha256/);
    expect(cipher.open(zip, sha(zip)).equals(zip)).toBe(true); // rows from before encryption
  });

  it("takes the key from the setting or a 0600 key file made on first start", () => {
    expect(parseMasterKey("a".repeat(64))).toHaveLength(32);
    expect(() => parseMasterKey("short")).toThrow(/32 bytes/);
    const dir = mkdtempSync(path.join(os.tmpdir(), "nimbus-key-"));
    const k1 = loadMasterKey(undefined, dir);
    expect(loadMasterKey(undefined, dir).equals(k1)).toBe(true);
    expect(statSync(path.join(dir, "master.key")).mode & 0o777).toBe(0o600);
  });

  it("names the key in every sealed value: the previous key still opens during a rotation", () => {
    const oldKey = randomBytes(32);
    const newKey = randomBytes(32);
    const before = createDataCipher(oldKey).seal(zip);
    const rotating = createDataCipher(newKey, oldKey);
    expect(rotating.open(before, sha(zip)).equals(zip)).toBe(true);
    expect(rotating.needsReseal(before)).toBe(true);
    const after = rotating.seal(zip);
    expect(sealedKeyId(after)).toBe(rotating.keyId);
    expect(rotating.needsReseal(after)).toBe(false);
    expect(createDataCipher(newKey).open(after, sha(zip)).equals(zip)).toBe(true);
    expect(() => createDataCipher(newKey).open(before, sha(zip))).toThrow(CodeIntegrityError);
  });

  it("still opens NBE1 values (no key id) under the current or the previous key", () => {
    const key = randomBytes(32);
    const iv = randomBytes(12);
    const c = createCipheriv("aes-256-gcm", key, iv);
    const body = Buffer.concat([c.update(zip), c.final()]);
    const v1 = Buffer.concat([Buffer.from("NBE1"), iv, c.getAuthTag(), body]);
    expect(createDataCipher(key).open(v1, sha(zip)).equals(zip)).toBe(true);
    expect(createDataCipher(randomBytes(32), key).open(v1, sha(zip)).equals(zip)).toBe(true);
    expect(createDataCipher(key).needsReseal(v1)).toBe(true);
  });
});
