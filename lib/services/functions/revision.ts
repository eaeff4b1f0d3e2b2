import { AppError } from "@/lib/errors";
import type { FunctionRecord } from "@/lib/services/functions/record";

/**
 * Lambda's RevisionId: changes whenever the function (or a version's record) changes. A
 * UUID-shaped digest of the record's identity and last change, stable between reads.
 */
export function revisionId(fn: Pick<FunctionRecord, "id" | "version" | "revision" | "updatedAt">): string {
  const hex = Buffer.from(`${fn.id}:${fn.version}:${fn.revision}:${fn.updatedAt.getTime()}`)
    .toString("hex")
    .padEnd(32, "0");
  let h = 0n;
  for (const c of hex) h = (h * 31n + BigInt(c.charCodeAt(0))) & ((1n << 128n) - 1n);
  const s = h.toString(16).padStart(32, "0");
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20, 32)}`;
}

/**
 * A change made on the caller's terms: refused (412) when the function changed since the caller
 * read `given`. Checked against the read the change starts from.
 */
export function assertRevisionId(fn: Parameters<typeof revisionId>[0], given: string | undefined): void {
  if (given !== undefined && given !== revisionId(fn))
    throw new AppError(
      "PreconditionFailedException",
      "The Revision Id provided does not match the latest Revision Id. " +
        "Call the GetFunction/GetAlias API to retrieve the latest Revision Id",
    );
}
