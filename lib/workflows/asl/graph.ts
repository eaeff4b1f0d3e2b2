/**
 * A state machine as a flat graph for the console to draw. Parallel branches and a Map's item
 * processor become groups: the Parallel/Map node has one group child per branch (`Par/0`,
 * `Par/1`, …; a Map has `M/0`), and the states inside have ids under it (`Par/0/A`).
 * Browser-safe: imports no node modules.
 */
import { escapePointer } from "@/lib/workflows/asl/json-locate";
import type { ChoiceRule, StateMachineDefinition } from "@/lib/workflows/asl/types";

export interface GraphNode {
  id: string;
  name: string;
  /** The state's Type, or "Branch" / "ItemProcessor" for a group. */
  type: string;
  parent?: string;
  start?: boolean;
  end?: boolean;
}

export interface GraphEdge {
  from: string;
  to: string;
  kind: "next" | "default" | "choice" | "catch";
  /** A short description: the choice rule, or the errors a catcher handles. */
  label?: string;
}

export interface DefinitionGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

type Machine = { StartAt?: unknown; States?: unknown };
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);

export function definitionGraph(def: StateMachineDefinition): DefinitionGraph {
  const graph: DefinitionGraph = { nodes: [], edges: [] };
  addMachine(graph, def, "", undefined);
  return graph;
}

function addMachine(graph: DefinitionGraph, machine: Machine, prefix: string, parent: string | undefined): void {
  const states = isObj(machine.States) ? machine.States : {};
  const idOf = (name: string) => `${prefix}${escapePointer(name)}`;
  for (const [name, raw] of Object.entries(states)) {
    const state = isObj(raw) ? raw : {};
    const id = idOf(name);
    const type = typeof state.Type === "string" ? state.Type : "Unknown";
    const node: GraphNode = { id, name, type };
    if (parent !== undefined) node.parent = parent;
    if (machine.StartAt === name) node.start = true;
    if (state.End === true || type === "Succeed" || type === "Fail") node.end = true;
    graph.nodes.push(node);
    addEdges(graph, state, id, (target) => (target in states ? idOf(target) : null));
    addGroups(graph, state, id);
  }
}

function addEdges(graph: DefinitionGraph, state: Obj, from: string, resolve: (name: string) => string | null): void {
  const edge = (target: unknown, kind: GraphEdge["kind"], label?: string) => {
    const to = typeof target === "string" ? resolve(target) : null;
    if (to === null) return;
    graph.edges.push(label === undefined ? { from, to, kind } : { from, to, kind, label });
  };
  edge(state.Next, "next");
  if (Array.isArray(state.Choices)) {
    for (const rule of state.Choices) if (isObj(rule)) edge(rule.Next, "choice", describeRule(rule as ChoiceRule));
  }
  edge(state.Default, "default");
  if (Array.isArray(state.Catch)) {
    for (const catcher of state.Catch) {
      if (!isObj(catcher)) continue;
      const errors = Array.isArray(catcher.ErrorEquals) ? catcher.ErrorEquals.join(", ") : undefined;
      edge(catcher.Next, "catch", errors);
    }
  }
}

function addGroups(graph: DefinitionGraph, state: Obj, id: string): void {
  if (state.Type === "Parallel" && Array.isArray(state.Branches)) {
    state.Branches.forEach((branch, i) => {
      graph.nodes.push({ id: `${id}/${i}`, name: `Branch ${i + 1}`, type: "Branch", parent: id });
      if (isObj(branch)) addMachine(graph, branch, `${id}/${i}/`, `${id}/${i}`);
    });
  }
  const processor = isObj(state.ItemProcessor) ? state.ItemProcessor : isObj(state.Iterator) ? state.Iterator : null;
  if (state.Type === "Map" && processor) {
    graph.nodes.push({ id: `${id}/0`, name: "Item processor", type: "ItemProcessor", parent: id });
    addMachine(graph, processor, `${id}/0/`, `${id}/0`);
  }
}

/** A one-line summary of a choice rule, e.g. `$.x NumericEquals 1` or a JSONata condition. */
export function describeRule(rule: ChoiceRule): string {
  if (rule.Condition !== undefined) return String(rule.Condition);
  if (Array.isArray(rule.And)) return rule.And.map(describeRule).join(" and ");
  if (Array.isArray(rule.Or)) return rule.Or.map(describeRule).join(" or ");
  if (isObj(rule.Not)) return `not (${describeRule(rule.Not as ChoiceRule)})`;
  const operator = Object.keys(rule).find((k) => !["Variable", "Next", "Comment", "Assign", "Output"].includes(k));
  if (!operator) return "";
  return `${String(rule.Variable ?? "")} ${operator} ${JSON.stringify(rule[operator])}`;
}
