import type { ContextObject, QueryLanguage, StateMachineDefinition } from "@/lib/workflows/asl/types";

/** What an expression in a state can see besides the state's own input. */
export interface EvalScope {
  context: ContextObject;
  /** Workflow variables visible to the state (read-only to evaluators; assignments return a copy). */
  variables: Record<string, unknown>;
  /** The state's effective query language. */
  queryLanguage: QueryLanguage;
}

/**
 * A state's QueryLanguage wins over its machine's; ASL defaults to JSONPath so definitions
 * written before JSONata existed keep their meaning.
 */
export function effectiveQueryLanguage(
  state: { QueryLanguage?: QueryLanguage },
  machine?: Pick<StateMachineDefinition, "QueryLanguage">,
): QueryLanguage {
  return state.QueryLanguage ?? machine?.QueryLanguage ?? "JSONPath";
}

/** The scope for one Map iteration: the same variables, with `$$.Map.Item` filled in. */
export function withMapItem(scope: EvalScope, index: number, value: unknown, key?: string): EvalScope {
  const item = key === undefined ? { Index: index, Value: value } : { Index: index, Value: value, Key: key };
  return { ...scope, context: { ...scope.context, Map: { Item: item } } };
}

/** Variable names as AWS allows them: a letter or underscore, then letters, digits or underscores. */
export const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
