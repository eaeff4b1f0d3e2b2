/**
 * The interpreter's whole state, as the journal stores it (`workflow_executions.snapshot`): a flat
 * map of threads. The root thread runs the machine's top-level States; a Parallel state's branches
 * and a Map state's iterations are child threads of the thread that entered it, which waits in
 * phase "children" until they end. Everything here is JSON, so a checkpoint is the snapshot as it
 * is, and an execution continues on any server from its last one.
 */
import type { StateMachineDefinition } from "@/lib/workflows/asl/types";

export type Phase =
  /** About to run `state` with `input`. */
  | "ready"
  /** A task attempt is running (a crash here is an interrupted attempt: lib/workflows/engine/actor.ts). */
  | "task"
  /** A `.waitForTaskToken` task waiting for SendTaskSuccess/Failure. */
  | "token"
  /** A Wait state or a Retry interval, until `dueAt`. */
  | "wait"
  /** A Parallel or Map state waiting for its child threads. */
  | "children"
  | "done"
  | "failed";

export interface StatesFailure {
  Error: string;
  Cause: string;
}

export interface ChildSet {
  ids: (string | null)[];
  outputs: unknown[];
  /** Map: the items still to start (by index); Parallel starts every branch at once. */
  nextIndex: number;
  total: number;
  running: number;
  /** Map: the ItemsPath array (items are turned into iteration inputs as they start). */
  items?: unknown[];
  /** Map: how many iterations may run at once (0: all). */
  maxConcurrency: number;
  /** The effective input of the Parallel/Map state (for ItemSelector's `$` and the result's ResultPath). */
  effectiveInput: unknown;
  failed: number;
}

export interface Thread {
  id: string;
  parent: string | null;
  /** Where this thread's States are: [] the machine's; [state, branch] a Parallel branch; [state] a Map's processor. */
  scope: (string | number)[];
  /** Map iterations and Parallel branches: the index in the parent's result array. */
  index: number;
  state: string;
  input: unknown;
  variables: Record<string, unknown>;
  phase: Phase;
  /** Whether the state's Entered event is written (false: entering it is still to do). */
  entered: boolean;
  /** That event's id: the state's span in the execution's trace derives from it (lib/traces/workflow-spans.ts). */
  enteredEventId?: number;
  enteredAt: string;
  /** Attempts made per Retrier of the current state. */
  retries: number[];
  /** The current task's attempt count so far (for $$.State.RetryCount). */
  retryCount: number;
  dueAt?: string;
  /** A running task's TimeoutSeconds / a token's HeartbeatSeconds deadline. */
  taskDeadline?: string;
  heartbeatSeconds?: number;
  /** The token's last SendTaskHeartbeat. */
  heartbeatAt?: string;
  token?: string;
  /** The running task attempt's id (a result for an older attempt is ignored). */
  attemptId?: string;
  children?: ChildSet;
  output?: unknown;
  error?: StatesFailure;
  /** Map iteration: its item and index ($$.Map.Item). */
  item?: { Index: number; Value: unknown };
  /** The last history event this thread wrote (previousEventId of its next). */
  lastEventId: number;
}

export interface Snapshot {
  threads: Record<string, Thread>;
}

export const ROOT = "r";

export interface ScopeDefinition {
  StartAt: string;
  States: StateMachineDefinition["States"];
  QueryLanguage?: "JSONPath" | "JSONata";
}

/** The States a thread's scope names, and its query language (inherited from the machine). */
export function scopeOf(def: StateMachineDefinition, scope: (string | number)[]): ScopeDefinition {
  let current: ScopeDefinition = def;
  let lang = def.QueryLanguage;
  for (let i = 0; i < scope.length; i++) {
    const state = current.States[scope[i] as string] as unknown as Record<string, unknown>;
    if (!state) throw new Error(`no state ${String(scope[i])} in this definition`);
    if (state.Type === "Parallel") {
      current = (state.Branches as ScopeDefinition[])[scope[++i] as number]!;
    } else {
      current = (state.ItemProcessor ?? state.Iterator) as ScopeDefinition;
    }
    lang = current.QueryLanguage ?? (state.QueryLanguage as typeof lang) ?? lang;
  }
  return { ...current, QueryLanguage: current.QueryLanguage ?? lang };
}

export function newThread(
  id: string,
  parent: string | null,
  scope: (string | number)[],
  index: number,
  state: string,
  input: unknown,
  variables: Record<string, unknown>,
  now: Date,
  lastEventId: number,
): Thread {
  return {
    id,
    parent,
    scope,
    index,
    state,
    input,
    variables,
    phase: "ready",
    entered: false,
    enteredAt: now.toISOString(),
    retries: [],
    retryCount: 0,
    lastEventId,
  };
}
