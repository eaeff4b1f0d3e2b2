/**
 * Data flow through a state, for both query languages — the one place the engine asks how a
 * state's input becomes its task input, and how its result becomes its output and variables.
 *
 * JSONPath: InputPath → Parameters → (work) → ResultSelector → ResultPath → OutputPath, with
 * Assign evaluated on the state's result. JSONata: Arguments → (work) → Assign and Output,
 * both seeing `$states` and the variables as they were before the state.
 */
import { applyAssign } from "@/lib/workflows/asl/assign";
import { recallChoice } from "@/lib/workflows/asl/choice";
import { evaluateJsonata, type JsonataBindings } from "@/lib/workflows/asl/jsonata";
import { applyInputPath, applyOutputPath, applyPayloadTemplate, applyResultPath } from "@/lib/workflows/asl/paths";
import type { EvalScope } from "@/lib/workflows/asl/scope";
import type { Catcher, ChoiceState, ErrorOutput, State } from "@/lib/workflows/asl/types";

export { resolveMapLimits } from "@/lib/workflows/asl/map-limits";
export { mapItemInput, mapItems, resolveSeconds } from "@/lib/workflows/asl/map-io";

export interface StateOutcome {
  output: unknown;
  variables: Record<string, unknown>;
}

/** States whose result comes from work done elsewhere (a task, branches, iterations). */
const hasResult = (state: State) => state.Type === "Task" || state.Type === "Parallel" || state.Type === "Map";

/**
 * The state's effective input: what a Task sends to its resource, what Parallel branches and
 * Map's ItemsPath see, what Choice rules and Wait paths read. Map's legacy `Parameters` is a
 * per-item selector (see mapItemInput), so it is not applied here.
 */
export async function prepareInput(state: State, rawInput: unknown, scope: EvalScope): Promise<unknown> {
  if (scope.queryLanguage === "JSONata") {
    const args = (state as { Arguments?: unknown }).Arguments;
    if ((state.Type === "Task" || state.Type === "Parallel") && args !== undefined) {
      const bindings = { states: jsonataBindings(rawInput, scope), variables: scope.variables };
      return evaluateJsonata(args, bindings, "Arguments");
    }
    return rawInput;
  }
  if (state.Type === "Fail") return rawInput;
  const effective = applyInputPath(rawInput, state.InputPath, scope);
  const parameters = (state as { Parameters?: unknown }).Parameters;
  if (state.Type !== "Map" && parameters !== undefined) return applyPayloadTemplate(parameters, effective, scope);
  return effective;
}

/**
 * The state's output and the variables after it. `result` is the task's, branches' or
 * iterations' raw result for Task/Parallel/Map; for Pass, Choice, Wait and Succeed it is what
 * prepareInput returned (a Pass with `Result` uses that instead).
 */
export async function finishState(
  state: State,
  rawInput: unknown,
  result: unknown,
  scope: EvalScope,
): Promise<StateOutcome> {
  if (state.Type === "Fail") return { output: rawInput, variables: scope.variables };
  const blocks = await assignAndOutput(state, result, scope);
  if (scope.queryLanguage === "JSONata") {
    const states = jsonataBindings(rawInput, scope, hasResult(state) ? { result } : {});
    const variables = await applyAssign(blocks.assign, scope, undefined, states);
    const output =
      blocks.output === undefined
        ? hasResult(state)
          ? result
          : rawInput
        : await evaluateJsonata(blocks.output, { states, variables: scope.variables }, "Output");
    return { output, variables };
  }
  const value = state.Type === "Pass" && "Result" in state ? state.Result : result;
  const variables = await applyAssign(blocks.assign, scope, value, jsonataBindings(rawInput, scope));
  if (!hasResult(state) && state.Type !== "Pass") {
    return { output: applyOutputPath(value, state.OutputPath, scope), variables };
  }
  const selector = (state as { ResultSelector?: unknown }).ResultSelector;
  const selected = selector === undefined ? value : applyPayloadTemplate(selector, value, scope);
  const combined = applyResultPath(rawInput, selected, (state as { ResultPath?: string | null }).ResultPath);
  return { output: applyOutputPath(combined, state.OutputPath, scope), variables };
}

/**
 * The Assign blocks and Output of a state. A Choice state's own Assign applies whichever way
 * it goes (AWS docs), and the matched rule's Assign on top of it; a rule's Output, if it has
 * one, replaces the state's.
 */
async function assignAndOutput(state: State, result: unknown, scope: EvalScope) {
  if (state.Type !== "Choice") return { assign: [state.Assign], output: state.Output };
  const match = await recallChoice(state as ChoiceState, result, scope);
  const rule = match.ruleIndex === null ? undefined : state.Choices[match.ruleIndex];
  return { assign: [state.Assign, rule?.Assign], output: rule?.Output ?? state.Output };
}

/**
 * The output and variables when `catcher` catches an error. JSONPath: the error output goes
 * where the catcher's ResultPath says (by default it replaces the input). JSONata: the
 * catcher's Output (default: the error output), with `$states.errorOutput` bound.
 */
export async function catchOutput(
  catcher: Catcher,
  rawInput: unknown,
  errorOutput: ErrorOutput,
  scope: EvalScope,
): Promise<StateOutcome> {
  const states = jsonataBindings(rawInput, scope, { errorOutput });
  const variables = await applyAssign([catcher.Assign], scope, errorOutput, states);
  if (scope.queryLanguage === "JSONata") {
    const output =
      catcher.Output === undefined
        ? errorOutput
        : await evaluateJsonata(catcher.Output, { states, variables: scope.variables }, "Output");
    return { output, variables };
  }
  return { output: applyResultPath(rawInput, errorOutput, catcher.ResultPath), variables };
}

/** `$states` for a state: its raw input, the context, and a result or error output when there is one. */
export function jsonataBindings(
  input: unknown,
  scope: EvalScope,
  extra: { result?: unknown; errorOutput?: unknown } = {},
): JsonataBindings["states"] {
  return { input, context: scope.context, ...extra };
}
