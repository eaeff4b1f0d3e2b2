import { randomUUID } from "node:crypto";
import type jsonata from "jsonata";
import { digest } from "@/lib/workflows/asl/digest";
import { chunk, inclusiveRange, rangeLength, seededRandom } from "@/lib/workflows/asl/values";

/**
 * The functions Step Functions adds to JSONata (replacements for the JSONPath intrinsics),
 * and `$eval`, which it removes in favour of `$parse`. Errors thrown here surface as
 * States.QueryEvaluationError through the evaluator.
 */

const MAX_RANGE_ITEMS = 1000;

function partition(array: unknown, size: unknown): unknown[][] {
  if (!Array.isArray(array)) throw new Error("$partition: the first argument must be an array");
  if (typeof size !== "number" || !Number.isInteger(size) || size <= 0) {
    throw new Error("$partition: the chunk size must be a positive integer");
  }
  return chunk(array, size);
}

function range(start: unknown, end: unknown, step: unknown = 1): number[] {
  if (![start, end, step].every((n) => typeof n === "number" && Number.isInteger(n))) {
    throw new Error("$range: start, end and step must be integers");
  }
  const [from, to, by] = [start, end, step] as [number, number, number];
  if (by === 0) throw new Error("$range: the step must not be 0");
  if (rangeLength(from, to, by) > MAX_RANGE_ITEMS)
    throw new Error(`$range: at most ${MAX_RANGE_ITEMS} items can be generated`);
  return inclusiveRange(from, to, by);
}

function hash(data: unknown, algorithm: unknown): string {
  const hex = digest(typeof data === "string" ? data : JSON.stringify(data), algorithm);
  if (hex === null) throw new Error(`$hash: unknown algorithm '${String(algorithm)}'`);
  return hex;
}

function random(seed?: unknown): number {
  if (seed === undefined) return Math.random();
  if (typeof seed !== "number" || !Number.isFinite(seed)) throw new Error("$random: the seed must be a number");
  return seededRandom(seed)();
}

function parse(text: unknown): unknown {
  if (typeof text !== "string") throw new Error("$parse: the argument must be a string");
  try {
    return JSON.parse(text);
  } catch {
    throw new Error("$parse: the argument is not valid JSON");
  }
}

/** Adds the Step Functions functions to a compiled expression. */
export function registerStepFunctionsFunctions(expression: jsonata.Expression): void {
  expression.registerFunction("partition", partition, "<an:a>");
  expression.registerFunction("range", range, "<nnn?:a>");
  expression.registerFunction("hash", hash, "<xs:s>");
  expression.registerFunction("random", random, "<n?:n>");
  expression.registerFunction("uuid", () => randomUUID(), "<:s>");
  expression.registerFunction("parse", parse, "<s:x>");
  expression.registerFunction("eval", () => {
    throw new Error("$eval is not supported in Step Functions; use $parse");
  });
}
