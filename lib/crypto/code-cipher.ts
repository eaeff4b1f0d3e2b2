/**
 * Code packages at rest: AES-256-GCM under the master key, and a SHA-256 check before code is
 * used. Stored form: "NBE1" | 12-byte IV | 16-byte tag | ciphertext. Rows written before
 * encryption (no magic) are still read. The key comes from NIMBUS_MASTER_KEY (32 bytes, base64
 * or hex) or from a key file generated on first start in the data folder (0600).
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const MAGIC = Buffer.from("NBE1");

export class CodeIntegrityError extends Error {}

export interface CodeCipher {
  seal(zip: Uint8Array): Buffer;
  /** Decrypts and checks the package against the CodeSha256 recorded at upload. */
  open(stored: Uint8Array, expectedSha256: string): Buffer;
}

export function parseMasterKey(text: string): Buffer {
  const t = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(t) ? Buffer.from(t, "hex") : Buffer.from(t, "base64");
  if (key.length !== 32) throw new Error("NIMBUS_MASTER_KEY must be 32 bytes, as 64 hex digits or base64");
  return key;
}

/** The configured key, or the data folder's key file (made on first use). */
export function loadMasterKey(configured: string | undefined, dataDir: string): Buffer {
  if (configured) return parseMasterKey(configured);
  const file = path.join(dataDir, "master.key");
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64") + "\n", { mode: 0o600 });
  }
  chmodSync(file, 0o600);
  return parseMasterKey(readFileSync(file, "utf8"));
}

export function createCodeCipher(key: Buffer): CodeCipher {
  return {
    seal(zip) {
      const iv = randomBytes(12);
      const c = createCipheriv("aes-256-gcm", key, iv);
      const body = Buffer.concat([c.update(zip), c.final()]);
      return Buffer.concat([MAGIC, iv, c.getAuthTag(), body]);
    },
    open(stored, expectedSha256) {
      const buf = Buffer.from(stored.buffer, stored.byteOffset, stored.byteLength);
      let zip: Buffer = buf;
      if (buf.subarray(0, 4).equals(MAGIC)) {
        try {
          const d = createDecipheriv("aes-256-gcm", key, buf.subarray(4, 16));
          d.setAuthTag(buf.subarray(16, 32));
          zip = Buffer.concat([d.update(buf.subarray(32)), d.final()]);
        } catch {
          throw new CodeIntegrityError("the stored code package does not decrypt (altered, or sealed under another master key)");
        }
      }
      const actual = createHash("sha256").update(zip).digest("base64");
      if (actual !== expectedSha256) throw new CodeIntegrityError(`the stored code package does not match its CodeSha256 (expected ${expectedSha256}, found ${actual})`);
      return zip;
    },
  };
}
