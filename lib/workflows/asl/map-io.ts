import { describeValue, runtimeError, StatesError, StatesErrors } from "@/lib/workflows/asl/errors";
import { PathNotFound, select } from "@/lib/workflows/asl/json-path";
import { evaluateJsonata, expectType } from "@/lib/workflows/asl/jsonata";
import { applyPayloadTemplate } from "@/lib/workflows/asl/paths";
import { type EvalScope, withMapItem } from "@/lib/workflows/asl/scope";
import type { State } from "@/lib/workflows/asl/types";

export { resolveSeconds } from "@/lib/workflows/asl/seconds";

type MapLike = Extract<State, { Type: "Map" }>;

/**
 * The array a Map state iterates. JSONPath: ItemsPath (default `$`) in the effective input.
 * JSONata: Items (default: the state input). Anything but an array fails the state.
 */
export async function mapItems(state: State, effectiveInput: unknown, scope: EvalScope): Promise<unknown[]> {
  const map = state as MapLike;
  if (map.ItemReader !== undefined) {
    throw new StatesError(StatesErrors.ItemReaderFailed, "Reading Map items with an ItemReader is not supported");
  }
  if (scope.queryLanguage === "JSONata") {
    if (map.Items === undefined) return requireArray(effectiveInput);
    const bindings = { states: { input: effectiveInput, context: scope.context }, variables: scope.variables };
    const items = await evaluateJsonata(map.Items, bindings, "Items");
    expectType(items, "array", map.Items, "Items");
    return items as unknown[];
  }
  const path = map.ItemsPath ?? "$";
  let items: unknown;
  try {
    items = select(effectiveInput, path, scope);
  } catch (error) {
    if (error instanceof PathNotFound) throw runtimeError(error.message);
    throw error;
  }
  return requireArray(items);
}

function requireArray(items: unknown): unknown[] {
  if (!Array.isArray(items)) throw runtimeError(`Map state input must be an array but was: ${describeValue(items)}`);
  return items;
}

/**
 * The input of one Map iteration: the item itself, or the ItemSelector (legacy: Parameters)
 * built from the Map's effective input with `$$.Map.Item.Index` / `.Value` set.
 */
export async function mapItemInput(
  state: State,
  item: unknown,
  index: number,
  effectiveInput: unknown,
  scope: EvalScope,
): Promise<unknown> {
  const map = state as MapLike;
  const itemScope = withMapItem(scope, index, item);
  if (scope.queryLanguage === "JSONata") {
    if (map.ItemSelector === undefined) return item;
    const bindings = { states: { input: effectiveInput, context: itemScope.context }, variables: scope.variables };
    return evaluateJsonata(map.ItemSelector, bindings, "ItemSelector");
  }
  const selector = map.ItemSelector ?? map.Parameters;
  if (selector === undefined) return item;
  return applyPayloadTemplate(selector, effectiveInput, itemScope);
}
