import { comparisons, OPERATOR_NAMES, typeTests } from "@/lib/workflows/asl/choice-operators";
import { describeValue, runtimeError, StatesError, StatesErrors } from "@/lib/workflows/asl/errors";
import { PathNotFound, select } from "@/lib/workflows/asl/json-path";
import { evaluateJsonata, expectType } from "@/lib/workflows/asl/jsonata";
import type { EvalScope } from "@/lib/workflows/asl/scope";
import type { ChoiceRule, ChoiceState } from "@/lib/workflows/asl/types";

/** Which rule a Choice state took: its index in Choices, or null when it fell to Default. */
export interface ChoiceMatch {
  next: string;
  ruleIndex: number | null;
}

/**
 * The last match per state, so finishState can apply the matched rule's Assign/Output without
 * evaluating the rules again (they may call $random or $now). It is used only for the very
 * same input and variables objects.
 */
const lastMatch = new WeakMap<ChoiceState, { input: unknown; scope: EvalScope; match: ChoiceMatch }>();

/**
 * The name of the state a Choice state goes to for `input` (its effective input): the Next of
 * the first rule that matches, else Default, else States.NoChoiceMatched.
 */
export async function evaluateChoice(state: ChoiceState, input: unknown, scope: EvalScope): Promise<string> {
  return (await matchChoice(state, input, scope)).next;
}

/** Like evaluateChoice, but also says which rule matched. */
export async function matchChoice(state: ChoiceState, input: unknown, scope: EvalScope): Promise<ChoiceMatch> {
  const match = await findMatch(state, input, scope);
  lastMatch.set(state, { input, scope, match });
  return match;
}

/** The match evaluateChoice just made for this input, or a fresh one. */
export async function recallChoice(state: ChoiceState, input: unknown, scope: EvalScope): Promise<ChoiceMatch> {
  const last = lastMatch.get(state);
  if (last && last.input === input && last.scope.variables === scope.variables) return last.match;
  return matchChoice(state, input, scope);
}

async function findMatch(state: ChoiceState, input: unknown, scope: EvalScope): Promise<ChoiceMatch> {
  for (const [index, rule] of state.Choices.entries()) {
    const matched =
      scope.queryLanguage === "JSONata" ? await conditionHolds(rule, input, scope) : ruleMatches(rule, input, scope);
    if (matched) {
      if (typeof rule.Next !== "string") throw runtimeError(`Choice rule ${index} has no Next state`);
      return { next: rule.Next, ruleIndex: index };
    }
  }
  if (state.Default !== undefined) return { next: state.Default, ruleIndex: null };
  throw new StatesError(
    StatesErrors.NoChoiceMatched,
    `No Choice Rule matched the input, and the Choice state has no Default: ${describeValue(input)}`,
  );
}

async function conditionHolds(rule: ChoiceRule, input: unknown, scope: EvalScope): Promise<boolean> {
  const bindings = { states: { input, context: scope.context }, variables: scope.variables };
  const value = await evaluateJsonata(rule.Condition, bindings, "Condition");
  expectType(value, "boolean", rule.Condition, "Condition");
  return value as boolean;
}

/** Evaluates a JSONPath Choice rule (or a nested And/Or/Not rule) against the input. */
export function ruleMatches(rule: ChoiceRule, input: unknown, scope: EvalScope): boolean {
  // And/Or stop early, so an IsPresent guard can protect a later comparison (as AWS documents).
  if (Array.isArray(rule.And)) return rule.And.every((r) => ruleMatches(r, input, scope));
  if (Array.isArray(rule.Or)) return rule.Or.some((r) => ruleMatches(r, input, scope));
  if (rule.Not && typeof rule.Not === "object") return !ruleMatches(rule.Not, input, scope);
  const operator = OPERATOR_NAMES.find((name) => Object.hasOwn(rule, name));
  if (!operator || typeof rule.Variable !== "string") {
    throw runtimeError(`A Choice rule needs a Variable and a comparison operator: ${describeValue(rule)}`);
  }
  const operand = rule[operator];
  const present = lookup(input, rule.Variable, scope);
  if (operator === "IsPresent") return present.found === operand;
  if (!present.found) {
    throw runtimeError(
      `Invalid path '${rule.Variable}': The choice state's condition path references an invalid value.`,
    );
  }
  const typeTest = typeTests[operator];
  if (typeTest) return typeTest(present.value) === operand;
  if (operator.endsWith("Path")) {
    const other = lookup(input, operand as string, scope);
    if (!other.found) {
      throw runtimeError(
        `Invalid path '${String(operand)}': The choice state's condition path references an invalid value.`,
      );
    }
    return (comparisons[operator.slice(0, -4)] as (a: unknown, b: unknown) => boolean)(present.value, other.value);
  }
  return (comparisons[operator] as (a: unknown, b: unknown) => boolean)(present.value, operand);
}

function lookup(input: unknown, path: string, scope: EvalScope): { found: boolean; value?: unknown } {
  try {
    return { found: true, value: select(input, path, scope) };
  } catch (error) {
    if (error instanceof PathNotFound) return { found: false };
    throw error;
  }
}
