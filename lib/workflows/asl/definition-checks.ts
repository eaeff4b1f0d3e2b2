import { escapePointer } from "@/lib/workflows/asl/json-locate";

/**
 * Checks the engine relies on that asl-validator does not make (or makes only globally):
 * every transition names a state in its own States scope, Task resources are strings, state
 * names fit AWS's 80 characters, and States.ALL stands alone and last. Written to survive a
 * definition the schema already rejected. Browser-safe.
 */
export interface StructureProblem {
  code: string;
  message: string;
  path: string;
  /** For transition problems: the state name that was not found. */
  target?: string;
}

const MAX_STATE_NAME = 80;
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);

export function checkStructure(definition: unknown): StructureProblem[] {
  const problems: StructureProblem[] = [];
  if (isObj(definition)) checkMachine(definition, "", problems);
  return problems;
}

function checkMachine(machine: Obj, base: string, problems: StructureProblem[]): void {
  const states = isObj(machine.States) ? machine.States : {};
  const names = new Set(Object.keys(states));
  const target = (value: unknown, path: string, what: string) => {
    if (typeof value !== "string") return;
    if (!names.has(value)) {
      problems.push({
        code: "MISSING_TRANSITION_TARGET",
        message: `${what} names '${value}', which is not a state in this ${base ? "branch" : "state machine"}`,
        path,
        target: value,
      });
    }
  };
  target(machine.StartAt, `${base}/StartAt`, "StartAt");
  for (const [name, state] of Object.entries(states)) {
    const at = `${base}/States/${escapePointer(name)}`;
    if (name.length > MAX_STATE_NAME) {
      problems.push({
        code: "STATE_NAME_TOO_LONG",
        message: `State name '${name}' is longer than ${MAX_STATE_NAME} characters`,
        path: at,
      });
    }
    if (!isObj(state)) continue;
    target(state.Next, `${at}/Next`, `State '${name}' Next`);
    if (state.Type === "Choice") {
      target(state.Default, `${at}/Default`, `State '${name}' Default`);
      eachObject(state.Choices, (rule, i) =>
        target(rule.Next, `${at}/Choices/${i}/Next`, `State '${name}' Choices[${i}].Next`),
      );
    }
    eachObject(state.Catch, (catcher, i) =>
      target(catcher.Next, `${at}/Catch/${i}/Next`, `State '${name}' Catch[${i}].Next`),
    );
    if (state.Type === "Task" && typeof state.Resource !== "string") {
      problems.push({
        code: "INVALID_RESOURCE",
        message: `State '${name}' Resource must be a string`,
        path: `${at}/Resource`,
      });
    }
    checkErrorEquals(state.Retry, `${at}/Retry`, "Retry", problems);
    checkErrorEquals(state.Catch, `${at}/Catch`, "Catch", problems);
    eachObject(state.Branches, (branch, i) => checkMachine(branch, `${at}/Branches/${i}`, problems));
    const processorKey = isObj(state.ItemProcessor) ? "ItemProcessor" : isObj(state.Iterator) ? "Iterator" : null;
    if (processorKey) checkMachine(state[processorKey] as Obj, `${at}/${processorKey}`, problems);
  }
}

/** "States.ALL" must appear alone in its ErrorEquals, and only in the last retrier or catcher. */
function checkErrorEquals(list: unknown, path: string, field: string, problems: StructureProblem[]): void {
  if (!Array.isArray(list)) return;
  list.forEach((entry, i) => {
    const errors = isObj(entry) && Array.isArray(entry.ErrorEquals) ? entry.ErrorEquals : [];
    if (!errors.includes("States.ALL")) return;
    if (errors.length > 1 || i !== list.length - 1) {
      problems.push({
        code: "STATES_ALL_NOT_ALONE_AND_LAST",
        message: `In ${field}, States.ALL must appear alone in ErrorEquals and only in the last entry`,
        path: `${path}/${i}/ErrorEquals`,
      });
    }
  });
}

function eachObject(list: unknown, visit: (item: Obj, index: number) => void): void {
  if (!Array.isArray(list)) return;
  list.forEach((item, i) => {
    if (isObj(item)) visit(item, i);
  });
}
