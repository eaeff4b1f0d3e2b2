/**
 * Text that PostgreSQL cannot store, made storable. `text` columns refuse U+0000; `jsonb`
 * refuses it too, and lone UTF-16 surrogates as well (JSON.stringify writes them as `\ud800`
 * escapes, which PostgreSQL rejects). Lone surrogates in `text` need nothing: the driver's
 * UTF-8 encoder already writes U+FFFD for them.
 *
 * User-controlled text the platform writes on its own (error messages, log lines, destination
 * records) goes through these; text a user submits through an API is refused instead, with a
 * 400 naming the field (lib/services/validate.ts).
 */
const REPLACEMENT = "\uFFFD";

/** U+0000 → U+FFFD. */
export function pgText(s: string): string {
  return s.includes("\u0000") ? s.replaceAll("\u0000", REPLACEMENT) : s;
}

export function pgTextOrNull(s: string | null | undefined): string | null {
  return s === null || s === undefined ? null : pgText(s);
}

/** For a string going into jsonb: U+0000 and lone surrogates → U+FFFD. */
export function jsonbText(s: string): string {
  const t = pgText(s);
  return t.isWellFormed() ? t : t.toWellFormed();
}

/** JSON text for a jsonb column: every string (keys included) cleaned as jsonbText does. */
export function jsonbStringify(v: unknown): string {
  return JSON.stringify(v, function (this: unknown, _key, value: unknown) {
    if (typeof value === "string") return jsonbText(value);
    if (value && typeof value === "object" && !Array.isArray(value)) {
      let dirty = false;
      for (const k of Object.keys(value)) if (jsonbText(k) !== k) dirty = true;
      if (dirty) return Object.fromEntries(Object.entries(value).map(([k, x]) => [jsonbText(k), x]));
    }
    return value;
  });
}

/**
 * Where text may contain NUL or a lone surrogate: the path of the first such string (keys
 * included), or null. Used to refuse bad input before it reaches the database.
 */
export function unstorableTextPath(
  v: unknown,
  at: string[] = [],
  depth = 0,
): { path: string[]; what: "nul" | "surrogate" } | null {
  if (typeof v === "string")
    return v.includes("\u0000") ? { path: at, what: "nul" } : v.isWellFormed() ? null : { path: at, what: "surrogate" };
  if (depth > 64 || v === null || typeof v !== "object" || ArrayBuffer.isView(v)) return null;
  for (const [k, x] of Object.entries(v)) {
    const key = unstorableTextPath(k, [...at, jsonbText(k).replaceAll(REPLACEMENT, "?")], depth + 1);
    if (key) return key;
    const found = unstorableTextPath(x, [...at, k], depth + 1);
    if (found) return found;
  }
  return null;
}
