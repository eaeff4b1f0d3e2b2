/**
 * Positions for a definition's graph (pure): dagre, top to bottom, one scope at a time. A
 * Parallel's branches and a Map's item processor are laid out first and the group is sized
 * around them, so a group is a box that its parent's layout treats as one big node. Positions
 * of nodes inside a group are relative to the group's top-left corner, as React Flow wants them.
 */
import { Graph, layout } from "@dagrejs/dagre";
import type { DefinitionGraph, GraphEdge, GraphNode } from "@/lib/workflows/asl/graph";

export type LaidOutKind = "state" | "container" | "branch" | "marker";

export interface LaidOutNode {
  id: string;
  /** The state's name ("Start"/"End" for the markers, "Branch 1"… for a group). */
  name: string;
  type: string;
  kind: LaidOutKind;
  parent?: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface LaidOutEdge {
  id: string;
  source: string;
  target: string;
  kind: GraphEdge["kind"] | "start" | "end";
  /** The short text drawn on the edge; `title` is all of it. */
  label?: string;
  title?: string;
}

export interface GraphLayout {
  /** Parents before their children (React Flow's rule). */
  nodes: LaidOutNode[];
  edges: LaidOutEdge[];
  width: number;
  height: number;
}

export const START_ID = "__start";
export const END_ID = "__end";
export const STATE_SIZE = { width: 196, height: 46 };
const MARKER_SIZE = { width: 64, height: 28 };
/** Room inside a group: its title on top, a margin on the other sides. */
const HEADER = 34;
const PAD = 18;
const EMPTY_SCOPE = { width: 140, height: 24 };

export function layoutGraph(graph: DefinitionGraph): GraphLayout {
  const children = new Map<string | undefined, GraphNode[]>();
  for (const n of graph.nodes) {
    const list = children.get(n.parent);
    if (list) list.push(n);
    else children.set(n.parent, [n]);
  }
  const size = new Map<string, { width: number; height: number }>();
  const pos = new Map<string, { x: number; y: number }>();
  const kindOf = (n: GraphNode): LaidOutKind =>
    n.type === "Branch" || n.type === "ItemProcessor" ? "branch" : children.has(n.id) ? "container" : "state";

  const layoutScope = (parent: string | undefined): { width: number; height: number } => {
    const kids = children.get(parent) ?? [];
    for (const k of kids) {
      if (!children.has(k.id) && kindOf(k) !== "branch") {
        size.set(k.id, STATE_SIZE);
        continue;
      }
      const inner = children.has(k.id) ? layoutScope(k.id) : EMPTY_SCOPE;
      const width = Math.max(inner.width + 2 * PAD, k.name.length * 7.5 + 2 * PAD + 60);
      size.set(k.id, { width, height: inner.height + HEADER + PAD });
      // Centre the group's content under its title.
      const dx = (width - inner.width) / 2;
      for (const c of children.get(k.id) ?? []) {
        const p = pos.get(c.id)!;
        pos.set(c.id, { x: p.x + dx, y: p.y + HEADER });
      }
    }
    const g = new Graph({ multigraph: true });
    g.setGraph({ rankdir: "TB", nodesep: 36, ranksep: 44, marginx: 0, marginy: 0 });
    g.setDefaultEdgeLabel(() => ({}));
    for (const k of kids) g.setNode(k.id, { ...size.get(k.id)! });
    const ids = new Set(kids.map((k) => k.id));
    graph.edges.forEach((e, i) => {
      if (!ids.has(e.from) || !ids.has(e.to)) return;
      // A labelled edge gets a little room for its label between the ranks.
      const room = e.kind === "next" ? {} : { width: 10, height: 14, labelpos: "c" };
      g.setEdge(e.from, e.to, room, `e${i}`);
    });
    if (parent === undefined) addMarkers(g, kids);
    layout(g);
    let minX = Number.POSITIVE_INFINITY;
    let minY = Number.POSITIVE_INFINITY;
    let maxX = Number.NEGATIVE_INFINITY;
    let maxY = Number.NEGATIVE_INFINITY;
    for (const id of g.nodes()) {
      const n = g.node(id);
      minX = Math.min(minX, n.x - n.width / 2);
      minY = Math.min(minY, n.y - n.height / 2);
      maxX = Math.max(maxX, n.x + n.width / 2);
      maxY = Math.max(maxY, n.y + n.height / 2);
    }
    if (!Number.isFinite(minX)) return EMPTY_SCOPE;
    for (const id of g.nodes()) {
      const n = g.node(id);
      pos.set(id, { x: n.x - n.width / 2 - minX, y: n.y - n.height / 2 - minY });
    }
    // Branches side by side start level with each other (dagre would centre them on one line).
    if (kids.every((k) => kindOf(k) === "branch")) {
      for (const k of kids) pos.set(k.id, { x: pos.get(k.id)!.x, y: 0 });
      return { width: maxX - minX, height: Math.max(...kids.map((k) => size.get(k.id)!.height)) };
    }
    return { width: maxX - minX, height: maxY - minY };
  };

  const total = layoutScope(undefined);
  const nodes: LaidOutNode[] = [];
  const place = (n: { id: string; name: string; type: string; parent?: string }, kind: LaidOutKind) => {
    const p = pos.get(n.id);
    const s = kind === "marker" ? MARKER_SIZE : size.get(n.id);
    if (!p || !s) return;
    nodes.push({ ...n, kind, ...p, ...s, ...(n.parent === undefined ? {} : { parent: n.parent }) });
  };
  place({ id: START_ID, name: "Start", type: "Start" }, "marker");
  const visit = (parent: string | undefined) => {
    for (const n of children.get(parent) ?? [])
      place({ id: n.id, name: n.name, type: n.type, parent: n.parent }, kindOf(n));
    for (const n of children.get(parent) ?? []) if (children.has(n.id)) visit(n.id);
  };
  visit(undefined);
  place({ id: END_ID, name: "End", type: "End" }, "marker");
  return { nodes, edges: edgesOf(graph, children.get(undefined) ?? []), width: total.width, height: total.height };
}

/** The top level's Start marker above its StartAt state, and one End marker below every state that ends it. */
function addMarkers(g: Graph, top: GraphNode[]) {
  const start = top.find((n) => n.start);
  const ends = top.filter((n) => n.end);
  if (start) {
    g.setNode(START_ID, { ...MARKER_SIZE });
    g.setEdge(START_ID, start.id, {}, "start");
  }
  if (ends.length) {
    g.setNode(END_ID, { ...MARKER_SIZE });
    for (const n of ends) g.setEdge(n.id, END_ID, {}, `end-${n.id}`);
  }
}

function edgesOf(graph: DefinitionGraph, top: GraphNode[]): LaidOutEdge[] {
  const edges: LaidOutEdge[] = [];
  const start = top.find((n) => n.start);
  if (start) edges.push({ id: `${START_ID}->${start.id}`, source: START_ID, target: start.id, kind: "start" });
  const rule = new Map<string, number>();
  graph.edges.forEach((e, i) => {
    const id = `${e.from}->${e.to}#${i}`;
    const base = { id, source: e.from, target: e.to, kind: e.kind };
    if (e.kind === "next") edges.push(base);
    else if (e.kind === "default") edges.push({ ...base, label: "Default", title: "Default: no rule matched" });
    else if (e.kind === "choice") {
      const k = (rule.get(e.from) ?? 0) + 1;
      rule.set(e.from, k);
      const title = `Rule ${k}${e.label ? `: ${e.label}` : ""}`;
      edges.push({ ...base, label: e.label ? `${k}. ${shorten(compactRule(e.label), 28)}` : `Rule ${k}`, title });
    } else {
      const title = `Catch${e.label ? ` ${e.label}` : ""}`;
      edges.push({ ...base, label: shorten(title, 28), title });
    }
  });
  for (const n of top) if (n.end) edges.push({ id: `${n.id}->${END_ID}`, source: n.id, target: END_ID, kind: "end" });
  return edges;
}

const SYMBOLS: Record<string, string> = {
  Equals: "==",
  GreaterThan: ">",
  GreaterThanEquals: ">=",
  LessThan: "<",
  LessThanEquals: "<=",
};
const COMPARISON =
  /\b(?:Numeric|String|Timestamp|Boolean)(Equals|GreaterThanEquals|GreaterThan|LessThanEquals|LessThan)(Path)?\b/g;

/** A choice rule in fewer characters for its edge: `$.n NumericGreaterThan 10` → `$.n > 10`. */
export function compactRule(rule: string): string {
  return rule.replace(COMPARISON, (_, op: string, path?: string) => `${SYMBOLS[op]}${path ? " path" : ""}`);
}

export function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
