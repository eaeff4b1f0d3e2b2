import { runtimeError } from "@/lib/workflows/asl/errors";
import { evaluateJsonata, type JsonataBindings } from "@/lib/workflows/asl/jsonata";
import { applyPayloadTemplate } from "@/lib/workflows/asl/paths";
import { type EvalScope, VARIABLE_NAME } from "@/lib/workflows/asl/scope";
import { isPlainObject } from "@/lib/workflows/asl/values";

/**
 * Applies `Assign` blocks: every value is evaluated against the variables as they were before
 * the state, then all are set at once, so one assignment never sees another from the same
 * state; a later block wins over an earlier one for the same name. Returns a new variables
 * object (the scope's is never changed).
 *
 * In JSONPath, `.$` keys take paths relative to `dollar` (the state's result, effective input
 * or error output, depending on where Assign appears). In JSONata, `states` is `$states`.
 */
export async function applyAssign(
  blocks: unknown[],
  scope: EvalScope,
  dollar: unknown,
  states: JsonataBindings["states"],
): Promise<Record<string, unknown>> {
  const present = blocks.filter((block) => block !== undefined);
  if (present.length === 0) return scope.variables;
  const variables = { ...scope.variables };
  for (const block of present) Object.assign(variables, await evaluateBlock(block, scope, dollar, states));
  return variables;
}

async function evaluateBlock(
  block: unknown,
  scope: EvalScope,
  dollar: unknown,
  states: JsonataBindings["states"],
): Promise<Record<string, unknown>> {
  if (!isPlainObject(block)) throw runtimeError("The Assign field must be an object");
  const assigned =
    scope.queryLanguage === "JSONata"
      ? await evaluateJsonata(block, { states, variables: scope.variables }, "Assign")
      : applyPayloadTemplate(block, dollar, scope);
  for (const name of Object.keys(assigned as Record<string, unknown>)) {
    if (!VARIABLE_NAME.test(name) || name === "states") throw runtimeError(`'${name}' is not a valid variable name`);
  }
  return assigned as Record<string, unknown>;
}
