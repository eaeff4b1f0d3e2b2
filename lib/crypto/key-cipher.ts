/**
 * Small secrets at rest (access keys' secret halves): AES-256-GCM under the same master key as
 * code packages. The row's id is the additional authenticated data, so a sealed secret copied
 * onto another key's row does not open. Values carry the sealing key's id ("NBS2" | key id |
 * IV | tag | ciphertext), so during a master-key rotation secrets under the previous key still
 * open and the rotation knows which rows are left; "NBS1" values (no key id) still open.
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { keyIdOf } from "@/lib/crypto/data-cipher";

const MAGIC_V1 = Buffer.from("NBS1");
const MAGIC = Buffer.from("NBS2");
const HEADER = 4 + 8 + 12 + 16;

export interface KeyCipher {
  seal(secret: string, boundTo: string): Buffer;
  open(stored: Uint8Array, boundTo: string): string;
  /** The first 12 bytes every value sealed under the current key starts with. */
  readonly header: Buffer;
}

function decrypt(key: Buffer, iv: Buffer, tag: Buffer, body: Buffer, boundTo: string): string {
  const d = createDecipheriv("aes-256-gcm", key, iv);
  d.setAAD(Buffer.from(boundTo));
  d.setAuthTag(tag);
  return Buffer.concat([d.update(body), d.final()]).toString("utf8");
}

export function createKeyCipher(key: Buffer, previous?: Buffer): KeyCipher {
  const id = keyIdOf(key);
  const keys = new Map<string, Buffer>([[id.toString("hex"), key]]);
  if (previous) keys.set(keyIdOf(previous).toString("hex"), previous);
  const header = Buffer.concat([MAGIC, id]);
  return {
    header,
    seal(secret, boundTo) {
      const iv = randomBytes(12);
      const c = createCipheriv("aes-256-gcm", key, iv);
      c.setAAD(Buffer.from(boundTo));
      const body = Buffer.concat([c.update(secret, "utf8"), c.final()]);
      return Buffer.concat([header, iv, c.getAuthTag(), body]);
    },
    open(stored, boundTo) {
      const buf = Buffer.from(stored.buffer, stored.byteOffset, stored.byteLength);
      const magic = buf.subarray(0, 4);
      if (magic.equals(MAGIC)) {
        const k = keys.get(buf.subarray(4, 12).toString("hex"));
        if (!k) throw new Error("the secret is sealed under a master key this server does not hold");
        return decrypt(k, buf.subarray(12, 24), buf.subarray(24, HEADER), buf.subarray(HEADER), boundTo);
      }
      if (!magic.equals(MAGIC_V1)) throw new Error("not a sealed secret");
      let last: unknown;
      for (const k of keys.values()) {
        try {
          return decrypt(k, buf.subarray(4, 16), buf.subarray(16, 32), buf.subarray(32), boundTo);
        } catch (err) {
          last = err;
        }
      }
      throw last;
    },
  };
}
