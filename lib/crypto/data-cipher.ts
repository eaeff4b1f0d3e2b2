/**
 * Code packages and secret variables at rest: AES-256-GCM under the master key, and a SHA-256
 * check before code is used. Stored form: "NBE2" | 8-byte key id | 12-byte IV | 16-byte tag |
 * ciphertext. The key id (first 8 bytes of SHA-256 of the key) says which key sealed a value,
 * so during a rotation rows under the previous key still open and a rerun skips rows already
 * re-sealed. Rows from before key ids ("NBE1" | IV | tag | ciphertext) are tried under the
 * current key, then the previous one; rows from before encryption (no magic) are read as they
 * are. The key comes from NIMBUS_MASTER_KEY (32 bytes, base64 or hex) or from a key file
 * generated on first start in the data folder (0600).
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const MAGIC_V1 = Buffer.from("NBE1");
const MAGIC = Buffer.from("NBE2");
const HEADER = 4 + 8 + 12 + 16;

export class CodeIntegrityError extends Error {}

export interface DataCipher {
  seal(zip: Uint8Array): Buffer;
  /** Decrypts and checks the package against the CodeSha256 recorded at upload. */
  open(stored: Uint8Array, expectedSha256: string): Buffer;
  /** Seals any bytes (secret variables); openBytes throws CodeIntegrityError when they do not decrypt. */
  sealBytes(plain: Uint8Array): Buffer;
  openBytes(stored: Uint8Array): Buffer;
  /** Key id (hex) of the key new values are sealed under. */
  readonly keyId: string;
  /** Key ids this cipher opens: the current key's, then the previous one's (during a rotation). */
  readonly keyIds: string[];
  /** True when the value is not sealed under the current key (plain, NBE1, or another key id). */
  needsReseal(stored: Uint8Array): boolean;
}

export function parseMasterKey(text: string, name = "NIMBUS_MASTER_KEY"): Buffer {
  const t = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(t) ? Buffer.from(t, "hex") : Buffer.from(t, "base64");
  if (key.length !== 32) throw new Error(`${name} must be 32 bytes, as 64 hex digits or base64`);
  return key;
}

/** Which key sealed a value, without revealing anything about the key. */
export function keyIdOf(key: Buffer): Buffer {
  return createHash("sha256").update(key).digest().subarray(0, 8);
}

/** The key id a stored value names (hex), or null for NBE1 and plain rows. */
export function sealedKeyId(stored: Uint8Array): string | null {
  const buf = Buffer.from(stored.buffer, stored.byteOffset, stored.byteLength);
  return buf.subarray(0, 4).equals(MAGIC) ? buf.subarray(4, 12).toString("hex") : null;
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

function decrypt(key: Buffer, iv: Buffer, tag: Buffer, body: Buffer): Buffer {
  const d = createDecipheriv("aes-256-gcm", key, iv);
  d.setAuthTag(tag);
  return Buffer.concat([d.update(body), d.final()]);
}

/** `previous` is the key being rotated away from: values under it still open; new ones use `key`. */
export function createDataCipher(key: Buffer, previous?: Buffer): DataCipher {
  const id = keyIdOf(key);
  const keys = new Map<string, Buffer>([[id.toString("hex"), key]]);
  if (previous) keys.set(keyIdOf(previous).toString("hex"), previous);

  const openBytes = (stored: Uint8Array): Buffer => {
    const buf = Buffer.from(stored.buffer, stored.byteOffset, stored.byteLength);
    const magic = buf.subarray(0, 4);
    if (magic.equals(MAGIC)) {
      const kid = buf.subarray(4, 12).toString("hex");
      const k = keys.get(kid);
      if (!k)
        throw new CodeIntegrityError(
          `the value is sealed under master key id ${kid}, which is neither the current key nor the previous one`,
        );
      try {
        return decrypt(k, buf.subarray(12, 24), buf.subarray(24, HEADER), buf.subarray(HEADER));
      } catch {
        throw new CodeIntegrityError("the stored value does not decrypt (altered in the database)");
      }
    }
    if (magic.equals(MAGIC_V1)) {
      for (const k of keys.values()) {
        try {
          return decrypt(k, buf.subarray(4, 16), buf.subarray(16, 32), buf.subarray(32));
        } catch {
          /* try the next key */
        }
      }
      throw new CodeIntegrityError("the stored value does not decrypt (altered, or sealed under another master key)");
    }
    return buf;
  };
  const sealBytes = (plain: Uint8Array): Buffer => {
    const iv = randomBytes(12);
    const c = createCipheriv("aes-256-gcm", key, iv);
    const body = Buffer.concat([c.update(plain), c.final()]);
    return Buffer.concat([MAGIC, id, iv, c.getAuthTag(), body]);
  };

  return {
    keyId: id.toString("hex"),
    keyIds: [...keys.keys()],
    sealBytes,
    openBytes,
    seal: sealBytes,
    open(stored, expectedSha256) {
      const zip = openBytes(stored);
      const actual = createHash("sha256").update(zip).digest("base64");
      if (actual !== expectedSha256)
        throw new CodeIntegrityError(
          `the stored code package does not match its CodeSha256 (expected ${expectedSha256}, found ${actual})`,
        );
      return zip;
    },
    needsReseal(stored) {
      return sealedKeyId(stored) !== id.toString("hex");
    },
  };
}
