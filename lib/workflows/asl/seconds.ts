import { describeValue, runtimeError } from "@/lib/workflows/asl/errors";
import { PathNotFound, select } from "@/lib/workflows/asl/json-path";
import { evaluateJsonata, expectType, isJsonataString } from "@/lib/workflows/asl/jsonata";
import type { EvalScope } from "@/lib/workflows/asl/scope";
import type { State } from "@/lib/workflows/asl/types";

/**
 * A Task's TimeoutSeconds or HeartbeatSeconds: the number as written, its `…Path` form read
 * from `input`, or (JSONata) an expression with `$states.input` = `input`. Undefined when
 * the state sets neither. The value must be a positive integer.
 */
export async function resolveSeconds(
  state: State,
  field: "TimeoutSeconds" | "HeartbeatSeconds",
  input: unknown,
  scope: EvalScope,
): Promise<number | undefined> {
  const fields = state as unknown as Record<string, unknown>;
  const value = fields[field];
  const path = fields[`${field}Path`];
  if (value !== undefined) {
    if (scope.queryLanguage === "JSONata" && isJsonataString(value)) {
      const bindings = { states: { input, context: scope.context }, variables: scope.variables };
      const seconds = await evaluateJsonata(value, bindings, field);
      expectType(seconds, "number", value, field);
      return positiveInteger(seconds, field);
    }
    return positiveInteger(value, field);
  }
  if (typeof path !== "string") return undefined;
  return positiveInteger(readPath(input, path, scope), `${field}Path`, path);
}

/** Reads a `…Path` field's value; a path that names nothing is a States.Runtime error. */
export function readPath(input: unknown, path: string, scope: EvalScope): unknown {
  try {
    return select(input, path, scope);
  } catch (error) {
    if (error instanceof PathNotFound) throw runtimeError(error.message);
    throw error;
  }
}

function positiveInteger(value: unknown, field: string, path?: string): number {
  if (typeof value === "number" && Number.isInteger(value) && value > 0) return value;
  const where = path ? `: ${path}` : "";
  throw runtimeError(
    `The ${field} field refers to value ${describeValue(value)} which is not a valid positive integer${where}`,
  );
}
