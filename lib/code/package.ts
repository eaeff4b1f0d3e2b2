/**
 * Code packages: zip archives as Lambda takes them. A single file written in the console
 * is stored as a zip too (deterministic: fixed timestamps), so CodeSha256 means the same
 * thing for both, as AWS reports it: base64 SHA-256 of the package bytes.
 */
import { createHash } from "node:crypto";
import { unzipSync, zipSync, strToU8 } from "fflate";
import { invalid, AppError } from "@/lib/errors";
import type { CodeFile } from "@/lib/executor/types";

/** Lambda's limits: 50 MB zipped for direct upload, 250 MB unzipped. */
export const MAX_ZIP_BYTES = 50 * 1024 * 1024;
export const MAX_UNZIPPED_BYTES = 250 * 1024 * 1024;
const MAX_FILES = 20_000;
const FIXED_MTIME = new Date("1980-01-01T00:00:00Z");

export function sha256Base64(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("base64");
}

export function zipFiles(files: Record<string, string | Uint8Array>): Uint8Array {
  const entries: Record<string, [Uint8Array, { mtime: Date }]> = {};
  for (const name of Object.keys(files).sort()) {
    const v = files[name]!; // a key of files
    entries[name] = [typeof v === "string" ? strToU8(v) : v, { mtime: FIXED_MTIME }];
  }
  return zipSync(entries, { level: 6 });
}

/** Safe relative path inside the package, or null for entries that must be refused. */
function normalizeEntry(name: string): string | null {
  const n = name.replaceAll("\\", "/");
  if (n.startsWith("/") || /^[a-zA-Z]:/.test(n)) return null;
  const parts = n.split("/").filter((p) => p !== "" && p !== ".");
  if (parts.some((p) => p === "..")) return null;
  return parts.join("/");
}

/** Unpacks and checks a package; throws InvalidParameterValueException for anything unusable. */
export function readPackage(zip: Uint8Array): CodeFile[] {
  if (zip.byteLength === 0) throw invalid("The code package is empty.");
  if (zip.byteLength > MAX_ZIP_BYTES)
    throw new AppError(
      "RequestTooLargeException",
      `The code package is ${zip.byteLength} bytes; the limit is ${MAX_ZIP_BYTES} bytes zipped.`,
    );
  let entries: Record<string, Uint8Array>;
  let total = 0;
  let count = 0;
  try {
    entries = unzipSync(zip, {
      filter: (f) => {
        count++;
        total += f.originalSize;
        if (count > MAX_FILES) throw new Error(`more than ${MAX_FILES} files`);
        if (total > MAX_UNZIPPED_BYTES) throw new Error(`unzipped size exceeds ${MAX_UNZIPPED_BYTES} bytes`);
        return !f.name.endsWith("/");
      },
    });
  } catch (err) {
    throw invalid(
      `Could not unzip uploaded file. Please check your file, then try to upload again. (${(err as Error).message})`,
    );
  }
  const files: CodeFile[] = [];
  for (const [name, data] of Object.entries(entries)) {
    const p = normalizeEntry(name);
    if (p === null) throw invalid(`The code package contains an unsafe path: ${name}`);
    if (p) files.push({ path: p, data });
  }
  if (files.length === 0) throw invalid("The code package contains no files.");
  return files;
}

/** The Lambda console edits code inline up to 3 MB; the Nimbus console takes single files up to the same size. */
export const MAX_CONSOLE_SOURCE_BYTES = 3 * 1024 * 1024;

/** The package of a single file written in the console (`index.mjs`), refused past the inline-editing limit. */
export function consoleSourcePackage(source: unknown, fileName: string): Uint8Array {
  if (typeof source !== "string")
    throw new AppError("InvalidParameterValueException", "source must be a string", { field: "source" });
  const bytes = Buffer.byteLength(source, "utf8");
  if (bytes > MAX_CONSOLE_SOURCE_BYTES) {
    throw new AppError(
      "RequestTooLargeException",
      `The source is ${bytes} bytes; code edited in the console is limited to ${MAX_CONSOLE_SOURCE_BYTES} bytes ` +
        "(upload a zip through the Lambda API for more)",
      { field: "source" },
    );
  }
  return zipFiles({ [fileName]: source });
}
