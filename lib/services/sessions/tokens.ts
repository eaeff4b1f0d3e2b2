import { createHash, randomBytes } from "node:crypto";

/** A new session token for the cookie (32 random bytes, base64url) and the id stored for it. */
export function newSessionToken(): { token: string; id: string } {
  const bytes = randomBytes(32);
  return { token: bytes.toString("base64url"), id: sha256Hex(bytes) };
}

/** The stored id of a cookie's token, or null when it cannot be one of ours. */
export function sessionIdOf(token: string): string | null {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  return sha256Hex(Buffer.from(token, "base64url"));
}

export const newCsrfToken = () => randomBytes(32).toString("base64url");

const sha256Hex = (b: Buffer) => createHash("sha256").update(b).digest("hex");
