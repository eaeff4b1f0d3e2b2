/**
 * EventBridge event patterns, as event source mappings filter with them (FilterCriteria): a
 * message passes when any filter's pattern matches it. A pattern mirrors the event's shape; each
 * leaf is a list of alternatives — a literal (string, number, boolean, null), or an operator:
 * prefix, suffix, equals-ignore-case, anything-but (a value, a list, or {prefix|suffix}),
 * numeric (">", ">=", "<", "<=", "=" pairs), exists. A field that holds an array matches when
 * any element does. `$or` takes a list of sub-patterns. No maintained JavaScript implementation
 * exists on npm (AWS's event-ruler is Java), hence this one (docs/libraries.md).
 */
import { invalid } from "@/lib/errors";

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type Pattern = { [k: string]: Json };

const OPERATORS = new Set(["prefix", "suffix", "equals-ignore-case", "anything-but", "numeric", "exists", "wildcard"]);

/** Parses and checks a pattern (FilterCriteria.Filters[].Pattern); a bad one is a clear error. */
export function compilePattern(text: string): Pattern {
  let p: unknown;
  try {
    p = JSON.parse(text);
  } catch {
    throw invalid(`Invalid filter pattern definition: the pattern is not valid JSON: ${text.slice(0, 200)}`);
  }
  checkNode(p, "");
  return p as Pattern;
}

function checkNode(node: unknown, path: string): void {
  if (node === null || typeof node !== "object" || Array.isArray(node))
    throw invalid(`Invalid filter pattern definition at ${path || "the top"}: expected an object`);
  for (const [key, value] of Object.entries(node)) {
    const at = path ? `${path}.${key}` : key;
    if (key === "$or") {
      if (!Array.isArray(value) || value.length < 2)
        throw invalid(`Invalid filter pattern definition at ${at}: $or takes a list of at least two patterns`);
      for (const sub of value) checkNode(sub, at);
    } else if (Array.isArray(value)) {
      if (value.length === 0)
        throw invalid(`Invalid filter pattern definition at ${at}: an empty list matches nothing`);
      for (const alt of value) checkMatcher(alt, at);
    } else checkNode(value, at);
  }
}

function checkMatcher(m: unknown, at: string): void {
  if (m === null || typeof m !== "object") return; // a literal
  if (Array.isArray(m)) throw invalid(`Invalid filter pattern definition at ${at}: nested lists are not allowed`);
  const keys = Object.keys(m);
  if (keys.length !== 1 || !OPERATORS.has(keys[0]!))
    throw invalid(`Invalid filter pattern definition at ${at}: unknown operator ${JSON.stringify(m).slice(0, 100)}`);
  const [op, arg] = [keys[0]!, (m as Record<string, unknown>)[keys[0]!]];
  if (op === "numeric") {
    if (!Array.isArray(arg) || arg.length % 2 !== 0 || arg.length === 0)
      throw invalid(`Invalid filter pattern definition at ${at}: numeric takes operator/number pairs`);
    for (let i = 0; i < arg.length; i += 2)
      if (![">", ">=", "<", "<=", "="].includes(arg[i]) || typeof arg[i + 1] !== "number")
        throw invalid(`Invalid filter pattern definition at ${at}: numeric takes operator/number pairs`);
  }
  if (op === "exists" && typeof arg !== "boolean")
    throw invalid(`Invalid filter pattern definition at ${at}: exists takes true or false`);
}

/** Whether `event` matches `pattern`. */
export function matches(pattern: Pattern, event: unknown): boolean {
  for (const [key, value] of Object.entries(pattern)) {
    if (key === "$or") {
      if (!(value as Pattern[]).some((sub) => matches(sub, event))) return false;
      continue;
    }
    const has = event !== null && typeof event === "object" && !Array.isArray(event) && key in event;
    const field = has ? (event as Record<string, unknown>)[key] : undefined;
    if (Array.isArray(value)) {
      if (!leafMatches(value, has, field)) return false;
    } else if (!has || !matchesNested(value as Pattern, field)) return false;
  }
  return true;
}

function matchesNested(pattern: Pattern, field: unknown): boolean {
  return Array.isArray(field) ? field.some((f) => matches(pattern, f)) : matches(pattern, field);
}

function leafMatches(alternatives: Json[], has: boolean, field: unknown): boolean {
  for (const alt of alternatives) {
    if (alt !== null && typeof alt === "object" && "exists" in alt) {
      if ((alt.exists === true) === (has && field !== null && typeof field !== "object")) return true;
      continue;
    }
    if (!has) continue;
    const values = Array.isArray(field) ? field : [field];
    if (values.some((v) => valueMatches(alt, v))) return true;
  }
  return false;
}

function valueMatches(m: Json, v: unknown): boolean {
  if (m === null || typeof m !== "object") return m === v;
  const [op, arg] = Object.entries(m)[0]!;
  const s = typeof v === "string" ? v : null;
  switch (op) {
    case "prefix":
      return s !== null && typeof arg === "string" && s.startsWith(arg);
    case "suffix":
      return s !== null && typeof arg === "string" && s.endsWith(arg);
    case "equals-ignore-case":
      return s !== null && typeof arg === "string" && s.toLowerCase() === arg.toLowerCase();
    case "wildcard":
      return s !== null && typeof arg === "string" && wildcard(arg).test(s);
    case "numeric":
      return typeof v === "number" && numeric(arg as Json[], v);
    case "anything-but":
      return v !== undefined && !anythingBut(arg, v);
    default:
      return false;
  }
}

/** Whether `v` is among what anything-but excludes. */
function anythingBut(arg: Json, v: unknown): boolean {
  if (Array.isArray(arg)) return arg.includes(v as Json);
  if (arg !== null && typeof arg === "object") return valueMatches(arg, v);
  return arg === v;
}

function numeric(pairs: Json[], v: number): boolean {
  for (let i = 0; i < pairs.length; i += 2) {
    const n = pairs[i + 1] as number;
    const ok = { ">": v > n, ">=": v >= n, "<": v < n, "<=": v <= n, "=": v === n }[pairs[i] as string];
    if (!ok) return false;
  }
  return true;
}

function wildcard(p: string): RegExp {
  return new RegExp(
    `^${p
      .split("*")
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
      .join(".*")}$`,
    "s",
  );
}
