/**
 * Small secrets at rest (access keys' secret halves): AES-256-GCM under the same master key as
 * code packages. The row's id is the additional authenticated data, so a sealed secret copied
 * onto another key's row does not open.
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

const MAGIC = Buffer.from("NBS1");

export interface SecretCipher {
  seal(secret: string, boundTo: string): Buffer;
  open(stored: Uint8Array, boundTo: string): string;
}

export function createSecretCipher(key: Buffer): SecretCipher {
  return {
    seal(secret, boundTo) {
      const iv = randomBytes(12);
      const c = createCipheriv("aes-256-gcm", key, iv);
      c.setAAD(Buffer.from(boundTo));
      const body = Buffer.concat([c.update(secret, "utf8"), c.final()]);
      return Buffer.concat([MAGIC, iv, c.getAuthTag(), body]);
    },
    open(stored, boundTo) {
      const buf = Buffer.from(stored.buffer, stored.byteOffset, stored.byteLength);
      if (!buf.subarray(0, 4).equals(MAGIC)) throw new Error("not a sealed secret");
      const d = createDecipheriv("aes-256-gcm", key, buf.subarray(4, 16));
      d.setAAD(Buffer.from(boundTo));
      d.setAuthTag(buf.subarray(16, 32));
      return Buffer.concat([d.update(buf.subarray(32)), d.final()]).toString("utf8");
    },
  };
}
