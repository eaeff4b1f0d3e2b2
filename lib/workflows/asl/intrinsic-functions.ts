import { randomUUID } from "node:crypto";
import { digest, HASH_ALGORITHM_NAMES } from "@/lib/workflows/asl/digest";
import { describeValue, intrinsicFailure } from "@/lib/workflows/asl/errors";
import { chunk, deepEqual, inclusiveRange, rangeLength, seededRandom } from "@/lib/workflows/asl/values";

/** The States.* functions other than Format (which needs the raw template text; see intrinsics.ts). */
export type IntrinsicFunction = (args: unknown[]) => unknown;

/** AWS caps the string inputs of the encoding and hashing intrinsics at 10,000 characters. */
const MAX_INPUT_CHARS = 10_000;
const MAX_RANGE_ITEMS = 1000;

export const intrinsicFunctions: Record<string, IntrinsicFunction> = {
  StringToJson: (args) => {
    const text = stringArg(args, 0, "StringToJson");
    // AWS answers null for an empty or blank string rather than failing.
    if (text.trim() === "") return null;
    try {
      return JSON.parse(text);
    } catch {
      throw intrinsicFailure(`States.StringToJson: the argument is not a valid JSON string: ${describeValue(text)}`);
    }
  },
  JsonToString: (args) => JSON.stringify(args[0] ?? null),
  Array: (args) => args,
  ArrayPartition: (args) => {
    const array = arrayArg(args, 0, "ArrayPartition");
    const size = integerArg(args, 1, "ArrayPartition");
    if (size <= 0) throw intrinsicFailure("States.ArrayPartition: the chunk size must be a positive integer");
    return chunk(array, size);
  },
  ArrayContains: (args) => arrayArg(args, 0, "ArrayContains").some((item) => deepEqual(item, args[1])),
  ArrayRange: (args) => {
    const [start, end, step] = [0, 1, 2].map((i) => integerArg(args, i, "ArrayRange")) as [number, number, number];
    if (step === 0) throw intrinsicFailure("States.ArrayRange: the step must not be 0");
    const count = rangeLength(start, end, step);
    if (count > MAX_RANGE_ITEMS) {
      throw intrinsicFailure(`States.ArrayRange: the range has ${count} items; at most ${MAX_RANGE_ITEMS} are allowed`);
    }
    return inclusiveRange(start, end, step);
  },
  ArrayGetItem: (args) => {
    const array = arrayArg(args, 0, "ArrayGetItem");
    const index = integerArg(args, 1, "ArrayGetItem");
    if (index < 0 || index >= array.length) {
      throw intrinsicFailure(`States.ArrayGetItem: index ${index} is out of bounds for an array of ${array.length}`);
    }
    return array[index];
  },
  ArrayLength: (args) => arrayArg(args, 0, "ArrayLength").length,
  ArrayUnique: (args) => {
    const unique: unknown[] = [];
    for (const item of arrayArg(args, 0, "ArrayUnique")) {
      if (!unique.some((seen) => deepEqual(seen, item))) unique.push(item);
    }
    return unique;
  },
  Base64Encode: (args) => Buffer.from(limitedString(args, "Base64Encode"), "utf8").toString("base64"),
  Base64Decode: (args) => {
    const text = limitedString(args, "Base64Decode");
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 === 1) {
      throw intrinsicFailure(`States.Base64Decode: the argument is not valid Base64: ${describeValue(text)}`);
    }
    return Buffer.from(text, "base64").toString("utf8");
  },
  Hash: (args) => {
    const hash = digest(limitedString(args, "Hash"), args[1]);
    if (hash === null) {
      const known = HASH_ALGORITHM_NAMES.join(", ");
      throw intrinsicFailure(`States.Hash: unknown algorithm ${describeValue(args[1])} (use one of ${known})`);
    }
    return hash;
  },
  JsonMerge: (args) => {
    const [first, second, deep] = args;
    if (!isObject(first) || !isObject(second))
      throw intrinsicFailure("States.JsonMerge: both arguments must be objects");
    if (deep !== false) {
      throw intrinsicFailure(
        "States.JsonMerge: only shallow merging is supported, so the third argument must be false",
      );
    }
    return { ...first, ...second };
  },
  MathRandom: (args) => {
    const start = roundedArg(args, 0, "MathRandom");
    const end = roundedArg(args, 1, "MathRandom");
    const random = args.length > 2 ? seededRandom(roundedArg(args, 2, "MathRandom")) : Math.random;
    if (end <= start) return start;
    return start + Math.floor(random() * (end - start));
  },
  MathAdd: (args) => roundedArg(args, 0, "MathAdd") + roundedArg(args, 1, "MathAdd"),
  StringSplit: (args) => {
    const text = stringArg(args, 0, "StringSplit");
    const delimiters = new Set(stringArg(args, 1, "StringSplit"));
    // Every character of the second argument splits, and empty pieces are dropped (as AWS does).
    const parts: string[] = [];
    let current = "";
    for (const c of text) {
      if (delimiters.has(c)) {
        if (current) parts.push(current);
        current = "";
      } else current += c;
    }
    if (current) parts.push(current);
    return parts;
  },
  UUID: () => randomUUID(),
};

/** How many arguments each function takes: [min, max]. */
export const arity: Record<string, [number, number]> = {
  Format: [1, Number.POSITIVE_INFINITY],
  StringToJson: [1, 1],
  JsonToString: [1, 1],
  Array: [0, Number.POSITIVE_INFINITY],
  ArrayPartition: [2, 2],
  ArrayContains: [2, 2],
  ArrayRange: [3, 3],
  ArrayGetItem: [2, 2],
  ArrayLength: [1, 1],
  ArrayUnique: [1, 1],
  Base64Encode: [1, 1],
  Base64Decode: [1, 1],
  Hash: [2, 2],
  JsonMerge: [3, 3],
  MathRandom: [2, 3],
  MathAdd: [2, 2],
  StringSplit: [2, 2],
  UUID: [0, 0],
};

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function stringArg(args: unknown[], i: number, fn: string): string {
  const value = args[i];
  if (typeof value !== "string") throw intrinsicFailure(`States.${fn}: argument ${i + 1} must be a string`);
  return value;
}

function limitedString(args: unknown[], fn: string): string {
  const text = stringArg(args, 0, fn);
  if (text.length > MAX_INPUT_CHARS) {
    throw intrinsicFailure(`States.${fn}: the input is longer than ${MAX_INPUT_CHARS} characters`);
  }
  return text;
}

function arrayArg(args: unknown[], i: number, fn: string): unknown[] {
  const value = args[i];
  if (!Array.isArray(value)) throw intrinsicFailure(`States.${fn}: argument ${i + 1} must be an array`);
  return value;
}

function integerArg(args: unknown[], i: number, fn: string): number {
  const value = args[i];
  if (typeof value !== "number" || !Number.isInteger(value)) {
    throw intrinsicFailure(`States.${fn}: argument ${i + 1} must be an integer, got ${describeValue(value)}`);
  }
  return value;
}

/** MathAdd and MathRandom round non-integers to the nearest integer (half up, like Java's Math.round). */
function roundedArg(args: unknown[], i: number, fn: string): number {
  const value = args[i];
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw intrinsicFailure(`States.${fn}: argument ${i + 1} must be a number, got ${describeValue(value)}`);
  }
  return Math.round(value) + 0;
}
