import jsonata from "jsonata";
import { describeValue, queryEvaluationError } from "@/lib/workflows/asl/errors";
import { registerStepFunctionsFunctions } from "@/lib/workflows/asl/jsonata-functions";
import type { ContextObject } from "@/lib/workflows/asl/types";

/** What a JSONata expression sees: `$states` and every workflow variable by name. */
export interface JsonataBindings {
  states: { input: unknown; result?: unknown; errorOutput?: unknown; context: ContextObject };
  variables: Record<string, unknown>;
}

const CACHE_LIMIT = 1000;
/** Compiled expressions, least recently used first; definitions repeat the same few strings. */
const cache = new Map<string, jsonata.Expression>();

/** A string is a JSONata expression only when it is exactly `{% … %}` (no surrounding spaces). */
export function isJsonataString(value: unknown): value is string {
  return typeof value === "string" && value.length >= 4 && value.startsWith("{%") && value.endsWith("%}");
}

/**
 * Evaluates a JSONata field (Arguments, Output, Assign, Items, Condition, …): every string
 * that is exactly `{% expr %}` is replaced by its value, recursing into objects and arrays;
 * other values are kept as written. `field` names the field in error messages.
 */
export async function evaluateJsonata(
  template: unknown,
  bindings: JsonataBindings,
  field = "Output",
): Promise<unknown> {
  if (isJsonataString(template)) return evaluateExpression(template.slice(2, -2), bindings, field);
  if (Array.isArray(template)) {
    const out: unknown[] = [];
    for (const [i, item] of template.entries()) out.push(await evaluateJsonata(item, bindings, `${field}/${i}`));
    return out;
  }
  if (template !== null && typeof template === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(template)) {
      out[key] = await evaluateJsonata(value, bindings, `${field}/${key}`);
    }
    return out;
  }
  return template;
}

async function evaluateExpression(source: string, bindings: JsonataBindings, field: string): Promise<unknown> {
  const expression = source.trim();
  const fail = (why: string) =>
    queryEvaluationError(`The JSONata expression '${expression}' specified for the field '${field}' ${why}`);
  let result: unknown;
  try {
    result = await compile(expression).evaluate(undefined, { ...bindings.variables, states: bindings.states });
  } catch (error) {
    const { code, message } = error as { code?: string; message?: string };
    throw fail(`threw an error during evaluation. ${code ? `${code}: ` : ""}${message ?? String(error)}`);
  }
  if (result === undefined) throw fail("returned nothing (undefined).");
  if (containsFunction(result)) throw fail("returned an unsupported result type.");
  // JSONata marks result sequences with extra properties; a JSON round trip leaves plain data.
  return JSON.parse(JSON.stringify(result));
}

function compile(expression: string): jsonata.Expression {
  const cached = cache.get(expression);
  if (cached) {
    cache.delete(expression);
    cache.set(expression, cached);
    return cached;
  }
  const compiled = jsonata(expression);
  registerStepFunctionsFunctions(compiled);
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(expression, compiled);
  return compiled;
}

function containsFunction(value: unknown): boolean {
  if (typeof value === "function") return true;
  if (Array.isArray(value)) return value.some(containsFunction);
  if (value !== null && typeof value === "object") return Object.values(value).some(containsFunction);
  return false;
}

/** The evaluated value must be of a JSON type; used for Items, Condition, Seconds and the like. */
export function expectType(value: unknown, expected: string, expression: unknown, field: string): void {
  const actual = value === null ? "null" : Array.isArray(value) ? "array" : typeof value;
  if (actual === expected) return;
  const shown = isJsonataString(expression) ? expression.slice(2, -2).trim() : describeValue(expression);
  throw queryEvaluationError(
    `The JSONata expression '${shown}' specified for the field '${field}' returned an unexpected result type. ` +
      `Expected '${expected}', but was '${actual}' for value: ${describeValue(value)}`,
  );
}

/** How many compiled expressions are cached (for tests of the bound). */
export function cachedExpressionCount(): number {
  return cache.size;
}
