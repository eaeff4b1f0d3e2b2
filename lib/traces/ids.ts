/** Span ids Nimbus derives instead of storing: the same input always names the same span. */
import { createHash } from "node:crypto";

export function derivedSpanId(...parts: (string | number)[]): string {
  return createHash("sha1").update(parts.join(":")).digest("hex").slice(0, 16);
}
