import type { z } from "zod";
import { AppError } from "@/lib/errors";
import { unstorableTextPath } from "@/lib/db/text";

/**
 * Parses input with a schema; the first problem becomes an InvalidParameterValueException naming
 * its field. Text PostgreSQL cannot store — U+0000, or a lone UTF-16 surrogate — is refused in
 * every field, one rule for every verb (never cleaned silently, never a database error).
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  assertStorableText(input);
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const field = issue.path.join(".");
  const message = issue.code === "invalid_type" && field ? `${field}: ${issue.message}` : issue.message;
  throw new AppError("InvalidParameterValueException", message, field ? { field } : {});
}

/** Refuses text with U+0000 or a lone surrogate anywhere in `input`, naming where. */
export function assertStorableText(input: unknown, name?: string): void {
  const bad = unstorableTextPath(input, name ? [name] : []);
  if (!bad) return;
  const field = bad.path.join(".");
  const what =
    bad.what === "nul"
      ? "must not contain the NUL character (\\u0000)"
      : "must be valid Unicode text: it contains a lone UTF-16 surrogate";
  throw new AppError("InvalidParameterValueException", `${field || "The input"} ${what}`, field ? { field } : {});
}

/** True when the text parses as JSON (for fields that hold JSON as text). */
export function isJsonText(s: string): boolean {
  try {
    JSON.parse(s);
    return true;
  } catch {
    return false;
  }
}
