/**
 * What happened to each state of an execution, read from its history events (pure). Events
 * carry no thread id, but each names the event before it on the same thread (previousEventId),
 * so every event belongs to the state entered last on its chain, and a branch's or iteration's
 * first state hangs off its Parallel's ParallelStateStarted or its Map's MapIterationStarted.
 */
import type { ExecutionStatus } from "@/lib/queries/state-machines";

export type StateStatus = "not-started" | "running" | "succeeded" | "failed" | "caught" | "aborted";

export interface StateRun {
  name: string;
  /** The state's type as its events spell it (Task, Pass, Choice, Wait, Parallel, Map, Succeed, Fail). */
  type: string;
  status: StateStatus;
  /** JSON text, as the events carry it. */
  input: string | null;
  output: string | null;
  error: string | null;
  cause: string | null;
  enteredAt: string | null;
  exitedAt: string | null;
  /** When it stopped: its exit, else (failed or aborted) its last event; null while it runs. */
  endedAt: string | null;
  /** Task attempts in the entry shown (1 + retries). */
  attempts: number;
  /** How often the state was entered (Map iterations, loops, redrives). */
  entries: number;
}

export interface HistoryEventLike {
  id: number;
  previousEventId: number;
  type: string;
  timestamp: string;
  details: Record<string, unknown> | null;
}

export interface HistoryAnalysis {
  /** By state name; a state never entered is absent (not started). */
  states: Record<string, StateRun>;
  /** The state each event belongs to, by event id (execution-level events have none). */
  stateOfEvent: Record<number, string>;
}

interface Entry {
  id: number;
  name: string;
  type: string;
  container: Entry | null;
  input: string | null;
  output: string | null;
  error: string | null;
  cause: string | null;
  enteredAt: string;
  exitedAt: string | null;
  lastEventAt: string;
  exited: boolean;
  attempts: number;
  /** The last task/branch outcome before the state exited: a failure then an exit is a Catch. */
  lastOutcome: "success" | "failure" | null;
  /** Parallel/Map: the id of their last failure (children entered before it are over). */
  failedAt: number;
}

const FAILURES = new Set([
  "LambdaFunctionFailed",
  "LambdaFunctionTimedOut",
  "LambdaFunctionScheduleFailed",
  "LambdaFunctionStartFailed",
  "TaskFailed",
  "TaskTimedOut",
  "TaskStartFailed",
  "TaskSubmitFailed",
  "ParallelStateFailed",
  "MapStateFailed",
]);
const SUCCESSES = new Set(["LambdaFunctionSucceeded", "TaskSucceeded", "ParallelStateSucceeded", "MapStateSucceeded"]);
const SCHEDULED = new Set(["LambdaFunctionScheduled", "TaskScheduled"]);
const FAILED_ENDS = new Set(["ExecutionFailed", "ExecutionTimedOut"]);
/** States that never wait: entered and not exited once the thread is over means they failed. */
const INSTANT = new Set(["Pass", "Choice", "Succeed", "Fail"]);
const RANK: Record<StateStatus, number> = {
  running: 5,
  failed: 4,
  aborted: 3,
  caught: 2,
  succeeded: 1,
  "not-started": 0,
};

const text = (v: unknown): string | null => (typeof v === "string" ? v : v == null ? null : JSON.stringify(v));

export function analyzeHistory(events: readonly HistoryEventLike[], executionStatus: ExecutionStatus): HistoryAnalysis {
  const sorted = [...events].sort((a, b) => a.id - b.id);
  const byId = new Map(sorted.map((e) => [e.id, e]));
  const owner = new Map<number, Entry>();
  const entries: Entry[] = [];
  let final: { owner: Entry | null; error: string | null; cause: string | null } | null = null;

  for (const e of sorted) {
    const prev = byId.get(e.previousEventId);
    const prevOwner = prev ? (owner.get(prev.id) ?? null) : null;
    if (e.type.endsWith("StateEntered")) {
      const startsThread = prev?.type === "ParallelStateStarted" || prev?.type === "MapIterationStarted";
      const entry: Entry = {
        id: e.id,
        name: String(e.details?.name ?? ""),
        type: e.type.slice(0, -"StateEntered".length),
        container: startsThread ? prevOwner : (prevOwner?.container ?? null),
        input: text(e.details?.input),
        output: null,
        error: null,
        cause: null,
        enteredAt: e.timestamp,
        exitedAt: null,
        lastEventAt: e.timestamp,
        exited: false,
        attempts: 0,
        lastOutcome: null,
        failedAt: 0,
      };
      entries.push(entry);
      owner.set(e.id, entry);
      continue;
    }
    if (e.type.startsWith("Execution")) {
      // Aborting writes after whichever event was last: that state did not fail, it was stopped.
      if (FAILED_ENDS.has(e.type))
        final = { owner: prevOwner, error: text(e.details?.error), cause: text(e.details?.cause) };
      continue;
    }
    // An iteration's end is written on its own thread; it belongs to the Map around it.
    const entry =
      e.type.startsWith("MapIteration") && e.type !== "MapIterationStarted" ? prevOwner?.container : prevOwner;
    if (!entry) continue;
    owner.set(e.id, entry);
    entry.lastEventAt = e.timestamp;
    if (e.type.endsWith("StateExited")) {
      entry.exited = true;
      entry.output = text(e.details?.output);
      entry.exitedAt = e.timestamp;
    } else if (SCHEDULED.has(e.type)) entry.attempts++;
    else if (SUCCESSES.has(e.type)) entry.lastOutcome = "success";
    else if (FAILURES.has(e.type)) {
      entry.lastOutcome = "failure";
      entry.error = text(e.details?.error) ?? entry.error;
      entry.cause = text(e.details?.cause) ?? entry.cause;
      if (e.type === "ParallelStateFailed" || e.type === "MapStateFailed") entry.failedAt = e.id;
    }
  }

  const running = executionStatus === "RUNNING";
  const alive = (en: Entry): boolean => {
    if (!running || en.exited) return false;
    const c = en.container;
    return c === null || (alive(c) && c.failedAt < en.id);
  };
  const statusOf = (en: Entry): StateStatus => {
    if (en.exited) return en.lastOutcome === "failure" ? "caught" : "succeeded";
    if (alive(en)) return "running";
    if (INSTANT.has(en.type) || en.lastOutcome === "failure" || final?.owner === en) return "failed";
    return "aborted";
  };

  // A failed Parallel or Map without an error of its own shows the one that ended its child.
  for (const en of entries) {
    if (en.error === null || statusOf(en) !== "failed") continue;
    for (let c = en.container; c && c.error === null && c.lastOutcome === "failure"; c = c.container) {
      c.error = en.error;
      c.cause = en.cause;
    }
  }
  // The execution's error belongs to the state it ended in, and to a failed state without one of its own inside it.
  const failedOwner = final?.owner;
  if (failedOwner && final) {
    for (const en of entries) {
      if (en.error !== null || (en !== failedOwner && !(statusOf(en) === "failed" && inside(en, failedOwner))))
        continue;
      en.error = final.error;
      en.cause = final.cause;
    }
  }

  const states: Record<string, StateRun> = {};
  for (const [name, group] of groupByName(relevant(entries))) {
    const runs = group.map((en) => ({ en, status: statusOf(en) }));
    const worst = runs.reduce((a, b) => (RANK[b.status] > RANK[a.status] ? b : a));
    // The entry shown: a failed iteration if there is one, else the latest.
    const shown = worst.status === "failed" ? worst.en : group.at(-1)!;
    states[name] = {
      name,
      type: shown.type,
      status: worst.status,
      input: shown.input,
      output: shown.output,
      error: shown.error,
      cause: shown.cause,
      enteredAt: shown.enteredAt,
      exitedAt: shown.exitedAt,
      endedAt: shown.exitedAt ?? (worst.status === "running" ? null : shown.lastEventAt),
      attempts: shown.attempts,
      entries: entries.filter((en) => en.name === name).length,
    };
  }
  const stateOfEvent: Record<number, string> = {};
  for (const [id, en] of owner) stateOfEvent[id] = en.name;
  return { states, stateOfEvent };
}

function inside(en: Entry, ancestor: Entry): boolean {
  for (let c = en.container; c; c = c.container) if (c === ancestor) return true;
  return false;
}

/**
 * The entries that say how a state stands now: each state's entries under the newest entry of the
 * state around it. Outside a Map the newest one alone (a loop or a redrive enters a state again);
 * in a Map every iteration's.
 */
function relevant(entries: Entry[]): Entry[] {
  const out: Entry[] = [];
  for (const group of groupByName(entries).values()) {
    const newest = Math.max(...group.map((en) => en.container?.id ?? -1));
    let kept = group.filter((en) => (en.container?.id ?? -1) === newest);
    const container = kept[0]!.container;
    if (container?.type !== "Map") out.push(kept.at(-1)!);
    else {
      // A Map that failed and ran again (Retry): the iterations after the failure, once there are some.
      const after = kept.filter((en) => en.id > container.failedAt);
      if (after.length) kept = after;
      out.push(...kept);
    }
  }
  return out;
}

function groupByName(entries: Entry[]): Map<string, Entry[]> {
  const groups = new Map<string, Entry[]>();
  for (const en of entries) {
    const g = groups.get(en.name);
    if (g) g.push(en);
    else groups.set(en.name, [en]);
  }
  return groups;
}
