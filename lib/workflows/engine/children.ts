/** Parallel branches and Map iterations as child threads (pure parts: the set, a child, descendants). */
import type { StateMachineDefinition } from "@/lib/workflows/asl/types";
import { type ChildSet, newThread, scopeOf, type Thread } from "@/lib/workflows/engine/threads";

/** Inline Map runs at most 40 iterations at once, as on Step Functions. */
const MAX_ITERATIONS = 40;

export function childSet(
  kind: "branches" | "items",
  effectiveInput: unknown,
  inputs: unknown[],
  maxConcurrency: number | undefined,
): ChildSet {
  return {
    ids: inputs.map(() => null),
    outputs: inputs.map(() => null),
    nextIndex: 0,
    total: inputs.length,
    running: 0,
    items: kind === "items" ? inputs : undefined,
    maxConcurrency: kind === "branches" ? inputs.length : Math.min(maxConcurrency || MAX_ITERATIONS, MAX_ITERATIONS),
    effectiveInput,
    failed: 0,
  };
}

/** Child `index` of a Parallel (a branch) or Map (an iteration) thread, starting its States. */
export function childThread(
  def: StateMachineDefinition,
  parent: Thread,
  branch: boolean,
  index: number,
  input: unknown,
  now: Date,
): Thread {
  const scope = branch ? [...parent.scope, parent.state, index] : [...parent.scope, parent.state];
  const child = newThread(
    `${parent.id}.${index}`,
    parent.id,
    scope,
    index,
    scopeOf(def, scope).StartAt,
    input,
    { ...parent.variables },
    now,
    parent.lastEventId,
  );
  if (!branch) child.item = { Index: index, Value: parent.children!.items![index] };
  return child;
}

/** Every thread below `parentId` (a failed branch ends its siblings and theirs). */
export function descendantsOf(threads: Record<string, Thread>, parentId: string): string[] {
  const out: string[] = [];
  for (const t of Object.values(threads)) {
    let p = t.parent;
    while (p && p !== parentId) p = threads[p]?.parent ?? null;
    if (p === parentId) out.push(t.id);
  }
  return out;
}
