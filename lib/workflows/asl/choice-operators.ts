import { compareInstants, isTimestamp, parseTimestamp } from "@/lib/workflows/asl/timestamp";

/**
 * The JSONPath Choice comparison operators. Each compares the Variable's value with the
 * operand; a value of the wrong type never matches (Step Functions does not coerce).
 */
type Compare = (value: unknown, operand: unknown) => boolean;

const isString = (v: unknown): v is string => typeof v === "string";
const isNumber = (v: unknown): v is number => typeof v === "number";

function strings(test: (a: string, b: string) => boolean): Compare {
  // Java's String.compareTo orders by UTF-16 code unit, which is what JS relational operators do.
  return (a, b) => isString(a) && isString(b) && test(a, b);
}

function numbers(test: (a: number, b: number) => boolean): Compare {
  return (a, b) => isNumber(a) && isNumber(b) && test(a, b);
}

function timestamps(test: (order: number) => boolean): Compare {
  return (a, b) => {
    const left = parseTimestamp(a);
    const right = parseTimestamp(b);
    return left !== null && right !== null && test(compareInstants(left, right));
  };
}

/** `*` matches any run of characters; `\*` is a literal asterisk and `\\` a literal backslash. */
export function stringMatches(value: unknown, pattern: unknown): boolean {
  if (!isString(value) || !isString(pattern)) return false;
  let source = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === "\\" && i + 1 < pattern.length) source += escapeRegExp(pattern[++i] as string);
    else if (c === "*") source += ".*";
    else source += escapeRegExp(c);
  }
  return new RegExp(`^${source}$`, "s").test(value);
}

function escapeRegExp(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

export const comparisons: Record<string, Compare> = {
  StringEquals: strings((a, b) => a === b),
  StringLessThan: strings((a, b) => a < b),
  StringGreaterThan: strings((a, b) => a > b),
  StringLessThanEquals: strings((a, b) => a <= b),
  StringGreaterThanEquals: strings((a, b) => a >= b),
  StringMatches: stringMatches,
  NumericEquals: numbers((a, b) => a === b),
  NumericLessThan: numbers((a, b) => a < b),
  NumericGreaterThan: numbers((a, b) => a > b),
  NumericLessThanEquals: numbers((a, b) => a <= b),
  NumericGreaterThanEquals: numbers((a, b) => a >= b),
  BooleanEquals: (a, b) => typeof a === "boolean" && typeof b === "boolean" && a === b,
  TimestampEquals: timestamps((o) => o === 0),
  TimestampLessThan: timestamps((o) => o < 0),
  TimestampGreaterThan: timestamps((o) => o > 0),
  TimestampLessThanEquals: timestamps((o) => o <= 0),
  TimestampGreaterThanEquals: timestamps((o) => o >= 0),
};

/** Type tests: the operand is `true` (the value is of the type) or `false` (it is not). */
export const typeTests: Record<string, (value: unknown) => boolean> = {
  IsNull: (v) => v === null,
  IsNumeric: isNumber,
  IsString: isString,
  IsBoolean: (v) => typeof v === "boolean",
  IsTimestamp: isTimestamp,
};

/** Every operator name a rule may use, including the `…Path` forms that compare two paths. */
export const OPERATOR_NAMES: string[] = [
  ...Object.keys(comparisons),
  ...Object.keys(comparisons)
    .filter((k) => k !== "StringMatches")
    .map((k) => `${k}Path`),
  ...Object.keys(typeTests),
  "IsPresent",
];
