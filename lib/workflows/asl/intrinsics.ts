import { intrinsicFailure, StatesError } from "@/lib/workflows/asl/errors";
import { arity, intrinsicFunctions } from "@/lib/workflows/asl/intrinsic-functions";
import { type IntrinsicNode, parseIntrinsic } from "@/lib/workflows/asl/intrinsic-parser";
import { PathNotFound, select } from "@/lib/workflows/asl/json-path";
import type { EvalScope } from "@/lib/workflows/asl/scope";
import { isPlainObject } from "@/lib/workflows/asl/values";

export { isIntrinsic, parseIntrinsic } from "@/lib/workflows/asl/intrinsic-parser";

/**
 * Evaluates an intrinsic invocation such as `States.Format('Hello {}', $.name)` against the
 * state's input. Any failure is a States.IntrinsicFailure.
 */
export function evaluateIntrinsic(
  text: string,
  input: unknown,
  scope: Pick<EvalScope, "context" | "variables">,
): unknown {
  return evaluateNode(parseIntrinsic(text), input, scope);
}

function evaluateNode(node: IntrinsicNode, input: unknown, scope: Pick<EvalScope, "context" | "variables">): unknown {
  switch (node.kind) {
    case "literal":
      return node.value;
    case "path":
      try {
        return select(input, node.path, scope);
      } catch (error) {
        if (error instanceof PathNotFound) throw intrinsicFailure(`The path '${node.path}' could not be found`);
        if (error instanceof StatesError) throw intrinsicFailure(error.cause);
        throw error;
      }
    case "call":
      return call(node, input, scope);
  }
}

function call(
  node: Extract<IntrinsicNode, { kind: "call" }>,
  input: unknown,
  scope: Pick<EvalScope, "context" | "variables">,
) {
  const limits = arity[node.name];
  if (!limits) throw intrinsicFailure(`States.${node.name} is not an intrinsic function`);
  const [min, max] = limits;
  if (node.args.length < min || node.args.length > max) {
    const wanted = min === max ? `${min}` : max === Number.POSITIVE_INFINITY ? `at least ${min}` : `${min} to ${max}`;
    throw intrinsicFailure(`States.${node.name} takes ${wanted} argument(s), got ${node.args.length}`);
  }
  const args = node.args.map((arg) => evaluateNode(arg, input, scope));
  if (node.name === "Format") return format(node.args[0] as IntrinsicNode, args);
  return (intrinsicFunctions[node.name] as (a: unknown[]) => unknown)(args);
}

/**
 * States.Format replaces each `{}` in the template with the next argument. In a literal
 * template `\{` and `\}` are plain braces, so placeholders are found in the raw text.
 */
function format(templateNode: IntrinsicNode, args: unknown[]): string {
  const [template, ...values] = args;
  if (typeof template !== "string") throw intrinsicFailure("States.Format: the template must be a string");
  const raw = templateNode.kind === "literal" && templateNode.raw !== undefined ? templateNode.raw : null;
  const pieces = raw === null ? template.split("{}") : splitRawTemplate(raw);
  if (pieces.length - 1 !== values.length) {
    throw intrinsicFailure(
      `States.Format: the template has ${pieces.length - 1} placeholder(s) but ${values.length} value(s) were given`,
    );
  }
  return pieces.reduce((out, piece, i) => (i === 0 ? piece : out + formatValue(values[i - 1]) + piece), "");
}

function splitRawTemplate(raw: string): string[] {
  const pieces: string[] = [];
  let current = "";
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i] as string;
    if (c === "\\") {
      current += raw[++i] ?? "";
    } else if (c === "{" && raw[i + 1] === "}") {
      pieces.push(current);
      current = "";
      i++;
    } else current += c;
  }
  pieces.push(current);
  return pieces;
}

/** How States.Format prints a value: strings bare, objects as `{k=v, …}` (AWS's Java map form). */
export function formatValue(value: unknown): string {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return `[${value.map(formatValue).join(", ")}]`;
  if (isPlainObject(value)) {
    return `{${Object.entries(value)
      .map(([k, v]) => `${k}=${formatValue(v)}`)
      .join(", ")}}`;
  }
  return JSON.stringify(value ?? null);
}
