import type { z } from "zod";
import { AppError } from "../errors";

/** Parses input with a schema; the first problem becomes an InvalidParameterValueException naming its field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const nul = nulPath(input, []);
  if (nul) throw new AppError("InvalidParameterValueException", `${nul.join(".") || "The input"} must not contain the NUL character (\\u0000)`, nul.length ? { field: nul.join(".") } : {});
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const field = issue.path.join(".");
  const message = issue.code === "invalid_type" && field ? `${field}: ${issue.message}` : issue.message;
  throw new AppError("InvalidParameterValueException", message, field ? { field } : {});
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

/** PostgreSQL text cannot hold U+0000: refused up front as bad input, never a database error. */
function nulPath(v: unknown, at: string[], depth = 0): string[] | null {
  if (typeof v === "string") return v.includes("\u0000") ? at : null;
  if (depth > 32 || v === null || typeof v !== "object" || ArrayBuffer.isView(v)) return null;
  for (const [k, x] of Object.entries(v)) {
    if (k.includes("\u0000")) return [...at, k.replaceAll("\u0000", "\\u0000")];
    const p = nulPath(x, [...at, k], depth + 1);
    if (p) return p;
  }
  return null;
}
