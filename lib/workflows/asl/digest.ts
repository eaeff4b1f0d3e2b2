import { createHash } from "node:crypto";

/** The hash algorithms States.Hash and $hash accept, by their ASL names. */
const ALGORITHMS: Record<string, string> = {
  MD5: "md5",
  "SHA-1": "sha1",
  "SHA-256": "sha256",
  "SHA-384": "sha384",
  "SHA-512": "sha512",
};

export const HASH_ALGORITHM_NAMES = Object.keys(ALGORITHMS);

/** The hex digest of `text` (UTF-8) with an ASL-named algorithm, or null for an unknown name. */
export function digest(text: string, algorithm: unknown): string | null {
  const name = ALGORITHMS[String(algorithm)];
  return name ? createHash(name).update(text, "utf8").digest("hex") : null;
}
