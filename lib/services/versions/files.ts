import { createHash } from "node:crypto";
import { invalid } from "@/lib/errors";
import { readPackage } from "@/lib/code/package";
import type { ServiceContext } from "@/lib/services/context";
import { getFunctionCode } from "@/lib/services/functions/get";
import { getFunctionVersion } from "@/lib/services/versions/get";
import { isVersionNumber } from "@/lib/services/versions/record";

/** A file of a version's package, with its text when the console can show it. */
export interface VersionFile {
  path: string;
  size: number;
  /** Hex SHA-256 of the file: equal files compare without their text. */
  sha256: string;
  /** UTF-8 text; null for binary files and past the size budget (see `omitted`). */
  text: string | null;
  omitted?: "binary" | "too-large";
}

export interface VersionFiles {
  version: string;
  codeSha256: string;
  files: VersionFile[];
}

/** One file's text up to the size the code route shows; all texts of one answer up to this. */
const MAX_FILE_TEXT_BYTES = 1024 * 1024;
const MAX_TOTAL_TEXT_BYTES = 8 * 1024 * 1024;
const utf8 = new TextDecoder("utf-8", { fatal: true });

function textOf(data: Uint8Array): string | null {
  if (data.subarray(0, 8000).includes(0)) return null;
  try {
    return utf8.decode(data);
  } catch {
    return null;
  }
}

/**
 * The files of $LATEST or a published version, opened from its sealed package (the integrity
 * check and its audit entry are getFunctionCode's), sorted by path, for the console's diff.
 */
export async function getVersionFiles(ctx: ServiceContext, name: string, qualifier: string): Promise<VersionFiles> {
  if (qualifier !== "$LATEST" && !isVersionNumber(qualifier))
    throw invalid(`Qualifier must be $LATEST or a version number; got '${qualifier.slice(0, 64)}'`);
  const { fn, zip } = await getFunctionCode(ctx, name, (c, n) => getFunctionVersion(c, n, qualifier));
  let budget = MAX_TOTAL_TEXT_BYTES;
  const files = readPackage(zip)
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((f): VersionFile => {
      const base = { path: f.path, size: f.data.byteLength, sha256: createHash("sha256").update(f.data).digest("hex") };
      if (f.data.byteLength > MAX_FILE_TEXT_BYTES || f.data.byteLength > budget)
        return { ...base, text: null, omitted: "too-large" };
      const text = textOf(f.data);
      if (text === null) return { ...base, text: null, omitted: "binary" };
      budget -= f.data.byteLength;
      return { ...base, text };
    });
  return { version: fn.version, codeSha256: fn.codeSha256, files };
}
