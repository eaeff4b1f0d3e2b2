import { runtimeError } from "@/lib/workflows/asl/errors";

/** One step of a reference path: an object key or an array index. */
export type PathSegment = string | number;

/**
 * Splits a reference path (`$.a['b c'][0]`) into its steps. Only dot and bracket member access
 * is allowed, which is what ResultPath needs to know where to write. Returns null for paths
 * that select more than one node (wildcards, filters, slices, unions, deep scans).
 */
export function parseReferencePath(path: string): PathSegment[] | null {
  if (!path.startsWith("$")) return null;
  const segments: PathSegment[] = [];
  let i = 1;
  while (i < path.length) {
    const c = path[i];
    if (c === "." && path[i + 1] !== "." && path[i + 1] !== "[") {
      const end = nextDelimiter(path, i + 1);
      const name = path.slice(i + 1, end);
      if (name === "" || name === "*") return null;
      segments.push(name);
      i = end;
    } else if (c === "[") {
      const parsed = parseBracket(path, i);
      if (!parsed) return null;
      segments.push(parsed.segment);
      i = parsed.end;
    } else {
      return null;
    }
  }
  return segments;
}

function nextDelimiter(path: string, from: number): number {
  let i = from;
  while (i < path.length && path[i] !== "." && path[i] !== "[") i++;
  return i;
}

function parseBracket(path: string, open: number): { segment: PathSegment; end: number } | null {
  const quote = path[open + 1];
  if (quote === "'" || quote === '"') {
    let i = open + 2;
    let name = "";
    while (i < path.length && path[i] !== quote) {
      if (path[i] === "\\" && i + 1 < path.length) i++;
      name += path[i];
      i++;
    }
    if (path[i + 1] !== "]") return null;
    return { segment: name, end: i + 2 };
  }
  const close = path.indexOf("]", open);
  if (close < 0) return null;
  const body = path.slice(open + 1, close).trim();
  if (!/^\d+$/.test(body)) return null;
  return { segment: Number(body), end: close + 1 };
}

/**
 * Writes `value` at `segments` inside a copy of `target`, creating missing objects on the
 * way, as ResultPath does. A step into a scalar (or past an array's end) cannot be applied.
 */
export function writeAtPath(target: unknown, segments: PathSegment[], value: unknown, path: string): unknown {
  if (segments.length === 0) return value;
  const [head, ...rest] = segments as [PathSegment, ...PathSegment[]];
  if (Array.isArray(target)) {
    if (typeof head !== "number" || head >= target.length) {
      throw runtimeError(`Invalid path '${path}': the input has no array element at [${String(head)}]`);
    }
    const copy = [...target];
    copy[head] = writeAtPath(copy[head], rest, value, path);
    return copy;
  }
  if (target === null || typeof target !== "object") {
    throw runtimeError(`Invalid path '${path}': cannot write a field into the non-object input ${typeOf(target)}`);
  }
  const record = target as Record<string, unknown>;
  const key = String(head);
  const child = Object.hasOwn(record, key) ? record[key] : rest.length > 0 ? {} : undefined;
  return { ...record, [key]: writeAtPath(child, rest, value, path) };
}

function typeOf(value: unknown): string {
  return value === null ? "null" : typeof value;
}
