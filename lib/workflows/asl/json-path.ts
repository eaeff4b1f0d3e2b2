import { JSONPath } from "jsonpath-plus";
import { runtimeError } from "@/lib/workflows/asl/errors";
import type { EvalScope } from "@/lib/workflows/asl/scope";

interface Match {
  value: unknown;
  parent: unknown;
  parentProperty: string | number | null;
}

/** Thrown (as States.Runtime) when a path names nothing; callers reword it for their field. */
export class PathNotFound extends Error {
  constructor(readonly path: string) {
    super(`Invalid path '${path}' : No results for path: ${normalized(path)}`);
  }
}

/**
 * Evaluates a JSONPath against `data` the way Step Functions (Jayway JsonPath) does: a path
 * naming one node yields that node or fails if it is missing; a path that can name several
 * (wildcard, filter, slice, union, deep scan) always yields an array, possibly empty.
 *
 * With a scope, `$$…` reads the Context object and `$name…` a workflow variable.
 */
export function selectPath(data: unknown, path: string, scope?: Pick<EvalScope, "context" | "variables">): unknown {
  try {
    return select(data, path, scope);
  } catch (error) {
    if (error instanceof PathNotFound) throw runtimeError(error.message);
    throw error;
  }
}

/** Like selectPath, but reports a missing node as PathNotFound so callers can word the error. */
export function select(data: unknown, path: string, scope?: Pick<EvalScope, "context" | "variables">): unknown {
  if (path.startsWith("$$")) {
    if (!scope) throw runtimeError(`The path '${path}' reads the Context object, which is not available here`);
    return evaluate(scope.context, path.slice(1), path);
  }
  const variable = /^\$([A-Za-z_][A-Za-z0-9_]*)(.*)$/s.exec(path);
  if (variable) {
    const [, name = "", rest = ""] = variable;
    if (!scope || !Object.hasOwn(scope.variables, name)) throw new PathNotFound(path);
    return evaluate(scope.variables[name], `$${rest}`, path);
  }
  if (!path.startsWith("$")) throw runtimeError(`'${path}' is not a JSONPath (it must begin with '$')`);
  return evaluate(data, path, path);
}

function evaluate(data: unknown, path: string, original: string): unknown {
  if (path === "$") return data;
  const definite = isDefinite(path);
  if (data === null || typeof data !== "object") {
    if (definite) throw new PathNotFound(original);
    return [];
  }
  let matches: Match[];
  try {
    matches = JSONPath({ path, json: data, resultType: "all", wrap: true, eval: "safe" }) as Match[];
  } catch (error) {
    throw runtimeError(`Invalid path '${original}': ${(error as Error).message}`);
  }
  // jsonpath-plus also reads JS properties such as a string's or an array's length; JSON has none.
  const values = (matches ?? []).filter(isJsonMember).map((m) => m.value);
  if (!definite) return values;
  if (values.length === 0) throw new PathNotFound(original);
  return values[0];
}

function isJsonMember(match: Match): boolean {
  const { parent, parentProperty: key } = match;
  if (key === null) return true;
  if (parent === null || typeof parent !== "object") return false;
  if (Array.isArray(parent)) return typeof key === "number" || /^\d+$/.test(key);
  return Object.hasOwn(parent, key);
}

/** A path names at most one node unless it has a wildcard, filter, script, slice, union or deep scan. */
export function isDefinite(path: string): boolean {
  const unquoted = path.replace(/'(?:\\.|[^'\\])*'|"(?:\\.|[^"\\])*"/g, "''");
  if (unquoted.includes("*") || unquoted.includes("..") || unquoted.includes("?(") || unquoted.includes("[(")) {
    return false;
  }
  const brackets = unquoted.match(/\[[^\]]*\]/g) ?? [];
  return !brackets.some((b) => b.includes(":") || b.includes(","));
}

function normalized(path: string): string {
  try {
    const parts = JSONPath.toPathArray(path.replace(/^\$\$/, "$").replace(/^\$[A-Za-z_][A-Za-z0-9_]*/, "$"));
    return JSONPath.toPathString(parts);
  } catch {
    return path;
  }
}
