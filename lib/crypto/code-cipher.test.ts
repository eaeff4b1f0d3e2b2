import { describe, expect, it } from "vitest";
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { CodeIntegrityError, createCodeCipher, loadMasterKey, parseMasterKey } from "./code-cipher";

const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("base64");

describe("code at rest", () => {
  const cipher = createCodeCipher(randomBytes(32));
  const zip = Buffer.from("PK\u0003\u0004 export const handler = async () => 'secret source';");

  it("seals so the source is not readable, and opens back to the same bytes", () => {
    const sealed = cipher.seal(zip);
    expect(sealed.includes(Buffer.from("secret source"))).toBe(false);
    expect(cipher.open(sealed, sha(zip)).equals(zip)).toBe(true);
  });

  it("refuses altered bytes, another key, and a package that does not match its CodeSha256", () => {
    const sealed = cipher.seal(zip);
    const flipped = Buffer.from(sealed);
    flipped[flipped.length - 1] ^= 1;
    expect(() => cipher.open(flipped, sha(zip))).toThrow(CodeIntegrityError);
    expect(() => createCodeCipher(randomBytes(32)).open(sealed, sha(zip))).toThrow(/does not decrypt/);
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
});
