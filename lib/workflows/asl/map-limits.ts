import { runtimeError } from "@/lib/workflows/asl/errors";
import { evaluateJsonata, expectType, isJsonataString } from "@/lib/workflows/asl/jsonata";
import type { EvalScope } from "@/lib/workflows/asl/scope";
import { readPath } from "@/lib/workflows/asl/seconds";
import type { MapState } from "@/lib/workflows/asl/types";

export interface MapLimits {
  /** How many iterations may run at once; 0 means no limit (the ASL default). */
  maxConcurrency: number;
  toleratedFailureCount?: number;
  toleratedFailurePercentage?: number;
}

/**
 * A Map state's concurrency and failure tolerance, from the numbers as written, their `…Path`
 * forms (read from the effective input), or JSONata expressions. Bad values fail the state with
 * States.Runtime, worded as Step Functions words them.
 */
export async function resolveMapLimits(state: MapState, effectiveInput: unknown, scope: EvalScope): Promise<MapLimits> {
  const read = (field: "MaxConcurrency" | "ToleratedFailureCount" | "ToleratedFailurePercentage") =>
    fieldValue(state, field, effectiveInput, scope);
  const maxConcurrency = integer(await read("MaxConcurrency"), "MaxConcurrency", state.MaxConcurrencyPath) ?? 0;
  if (maxConcurrency < 0) throw runtimeError("MaxConcurrency cannot be negative.");
  const limits: MapLimits = { maxConcurrency };
  const count = integer(await read("ToleratedFailureCount"), "ToleratedFailureCount", state.ToleratedFailureCountPath);
  if (count !== undefined) {
    if (count < 0) throw runtimeError("ToleratedFailureCount cannot be negative.");
    limits.toleratedFailureCount = count;
  }
  const percentage = await read("ToleratedFailurePercentage");
  if (percentage !== undefined) {
    const path = state.ToleratedFailurePercentagePath;
    if (typeof percentage !== "number") throw invalid(percentage, "ToleratedFailurePercentage", path, "float");
    if (percentage < 0 || percentage > 100) throw runtimeError("ToleratedFailurePercentage must be between 0 and 100.");
    limits.toleratedFailurePercentage = percentage;
  }
  return limits;
}

async function fieldValue(state: MapState, field: string, input: unknown, scope: EvalScope): Promise<unknown> {
  const fields = state as unknown as Record<string, unknown>;
  const value = fields[field];
  const path = fields[`${field}Path`];
  if (value !== undefined) {
    if (scope.queryLanguage !== "JSONata" || !isJsonataString(value)) return value;
    const bindings = { states: { input, context: scope.context }, variables: scope.variables };
    const result = await evaluateJsonata(value, bindings, field);
    expectType(result, "number", value, field);
    return result;
  }
  return typeof path === "string" ? readPath(input, path, scope) : undefined;
}

function integer(value: unknown, field: string, path: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "number" && Number.isInteger(value)) return value;
  throw invalid(value, field, path, "integer");
}

function invalid(value: unknown, field: string, path: string | undefined, kind: string) {
  const shown = typeof value === "string" ? value : JSON.stringify(value);
  if (path === undefined) return runtimeError(`The ${field} field value "${shown}" is not a valid ${kind}`);
  return runtimeError(`The ${field}Path field refers to value "${shown}" which is not a valid ${kind}: ${path}`);
}
