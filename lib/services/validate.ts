import type { z } from "zod";
import { AppError } from "../errors";

/** Parses input with a schema; the first problem becomes an InvalidParameterValueException naming its field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
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
