import { describeValue, runtimeError } from "@/lib/workflows/asl/errors";
import { evaluateIntrinsic, isIntrinsic } from "@/lib/workflows/asl/intrinsics";
import { PathNotFound, select } from "@/lib/workflows/asl/json-path";
import { parseReferencePath, writeAtPath } from "@/lib/workflows/asl/reference-path";
import type { EvalScope } from "@/lib/workflows/asl/scope";

export { selectPath } from "@/lib/workflows/asl/json-path";

type PathScope = Pick<EvalScope, "context" | "variables">;

/**
 * Builds a payload from a template (Parameters, ResultSelector, ItemSelector, JSONPath Assign):
 * a key ending in `.$` takes the value of its path (`$.x`, `$$.x`, `$var`) or intrinsic call
 * and loses the suffix; everything else is copied as written, recursing into objects and arrays.
 */
export function applyPayloadTemplate(template: unknown, input: unknown, scope: PathScope): unknown {
  if (Array.isArray(template)) return template.map((item) => applyPayloadTemplate(item, input, scope));
  if (template === null || typeof template !== "object") return template;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(template)) {
    if (key.endsWith(".$") && key.length > 2) {
      out[key.slice(0, -2)] = evaluateDynamicValue(key, value, input, scope);
    } else {
      out[key] = applyPayloadTemplate(value, input, scope);
    }
  }
  return out;
}

function evaluateDynamicValue(key: string, value: unknown, input: unknown, scope: PathScope): unknown {
  if (typeof value !== "string") {
    throw runtimeError(
      `The value of the field '${key}' must be a path or intrinsic function, got ${describeValue(value)}`,
    );
  }
  if (isIntrinsic(value)) return evaluateIntrinsic(value, input, scope);
  try {
    return select(input, value, scope);
  } catch (error) {
    if (!(error instanceof PathNotFound)) throw error;
    const source = value.startsWith("$$") ? scope.context : input;
    throw runtimeError(
      `The JSONPath '${value}' specified for the field '${key}' could not be found in the input '${describeValue(source)}'`,
    );
  }
}

/** InputPath: `null` discards the input (`{}`), absent keeps it, a path selects part of it. */
export function applyInputPath(input: unknown, path: string | null | undefined, scope?: PathScope): unknown {
  return applyFilterPath(input, path, scope);
}

/** OutputPath: `null` sends `{}` on, absent sends everything, a path selects part of it. */
export function applyOutputPath(output: unknown, path: string | null | undefined, scope?: PathScope): unknown {
  return applyFilterPath(output, path, scope);
}

function applyFilterPath(value: unknown, path: string | null | undefined, scope?: PathScope): unknown {
  if (path === undefined) return value;
  if (path === null) return {};
  try {
    return select(value, path, scope);
  } catch (error) {
    if (error instanceof PathNotFound) throw runtimeError(error.message);
    throw error;
  }
}

/**
 * ResultPath: where the result goes in the state's raw input. Absent or `$` means the result
 * replaces the input, `null` keeps the input and drops the result, `$.a.b` writes the result
 * there (creating missing objects) in a copy of the input.
 */
export function applyResultPath(input: unknown, result: unknown, resultPath: string | null | undefined): unknown {
  if (resultPath === undefined || resultPath === "$") return result;
  if (resultPath === null) return input;
  const segments = parseReferencePath(resultPath);
  if (!segments) throw runtimeError(`The ResultPath '${resultPath}' is not a valid reference path`);
  return writeAtPath(input, segments, result, resultPath);
}
