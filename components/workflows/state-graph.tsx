"use client";
/**
 * A definition drawn as a graph (React Flow over graph-layout's dagre positions): read-only,
 * fitted to its box whenever the states change. In an execution each state is coloured by its
 * status, and clicking one selects it.
 */
import "@xyflow/react/dist/style.css";
import {
  Background,
  Controls,
  type Edge,
  MarkerType,
  type Node,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
} from "@xyflow/react";
import { useEffect, useMemo } from "react";
import { useIsDark } from "@/components/ui/theme-toggle";
import { definitionGraph } from "@/lib/workflows/asl/graph";
import type { StateMachineDefinition } from "@/lib/workflows/asl/types";
import type { StateRun } from "@/components/workflows/execution-state";
import { type GraphLayout, type LaidOutEdge, layoutGraph } from "@/components/workflows/graph-layout";
import { NODE_TYPES } from "@/components/workflows/graph-nodes";

export interface StateGraphProps {
  /** The parsed definition (null: nothing drawable yet). */
  definition: Record<string, unknown> | null;
  /** An execution's states by name; without it the graph is the definition alone. */
  runs?: Record<string, StateRun>;
  selected?: string | null;
  onSelect?: (name: string) => void;
  /** CSS height; by default the graph's own height, within limits. */
  height?: number | string;
  label: string;
}

const EDGE_COLOR: Record<LaidOutEdge["kind"], string> = {
  next: "#94a3b8",
  start: "#94a3b8",
  end: "#94a3b8",
  default: "#94a3b8",
  choice: "#8b5cf6",
  catch: "#d97706",
};

function layoutOf(definition: Record<string, unknown> | null): GraphLayout | null {
  if (!definition) return null;
  try {
    return layoutGraph(definitionGraph(definition as unknown as StateMachineDefinition));
  } catch {
    return null; // a half-typed definition dagre cannot place: the last drawing stays with the caller
  }
}

function noteOf(run: StateRun | undefined): string | undefined {
  if (!run) return undefined;
  if (run.entries > 1) return `${run.entries} runs`;
  if (run.attempts > 1) return `${run.attempts} attempts`;
  return undefined;
}

function toFlow(layout: GraphLayout, props: StateGraphProps, dark: boolean): { nodes: Node[]; edges: Edge[] } {
  const nodes: Node[] = layout.nodes.map((n) => {
    const base = {
      id: n.id,
      type: n.kind,
      position: { x: n.x, y: n.y },
      width: n.width,
      height: n.height,
      draggable: false,
      selectable: false,
      focusable: false,
      ...(n.parent ? { parentId: n.parent } : {}),
    };
    if (n.kind === "branch" || n.kind === "marker") return { ...base, data: { label: n.name } };
    const run = props.runs?.[n.name];
    return {
      ...base,
      // React Flow lets clicks through to the pane for nodes it does not handle itself.
      ...(props.onSelect ? { style: { pointerEvents: "all" as const } } : {}),
      data: {
        name: n.name,
        type: n.type,
        status: props.runs ? (run?.status ?? "not-started") : undefined,
        selected: props.selected === n.name,
        note: noteOf(run),
        onSelect: props.onSelect,
      },
    };
  });
  const edges: Edge[] = layout.edges.map((e) => ({
    id: e.id,
    source: e.source,
    target: e.target,
    type: "smoothstep",
    focusable: false,
    selectable: false,
    label: e.label,
    ariaLabel: e.title,
    labelStyle: { fontSize: 11, fill: dark ? "#e2e8f0" : "#334155" },
    labelBgPadding: [4, 2] as [number, number],
    labelBgBorderRadius: 4,
    labelBgStyle: { fill: dark ? "#0f172a" : "#ffffff" },
    style: {
      stroke: EDGE_COLOR[e.kind],
      strokeWidth: 1.5,
      ...(e.kind === "catch" ? { strokeDasharray: "6 4" } : {}),
    },
    markerEnd: { type: MarkerType.ArrowClosed, color: EDGE_COLOR[e.kind], width: 16, height: 16 },
  }));
  return { nodes, edges };
}

/** Fits the view when the set of states changes (typing in the editor), not when only colours do. */
function FitOnChange({ shape }: { shape: string }) {
  const flow = useReactFlow();
  // biome-ignore lint/correctness/useExhaustiveDependencies: refits for a new shape only
  useEffect(() => {
    const t = requestAnimationFrame(() => void flow.fitView({ padding: 0.12, maxZoom: 1.1 }));
    return () => cancelAnimationFrame(t);
  }, [shape]);
  return null;
}

export function StateGraph(props: StateGraphProps) {
  const dark = useIsDark();
  const layout = useMemo(() => layoutOf(props.definition), [props.definition]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: props holds runs, selection and the handler
  const flow = useMemo(
    () => (layout ? toFlow(layout, props, dark) : null),
    [layout, props.runs, props.selected, props.onSelect, dark],
  );
  const shape = layout ? layout.nodes.map((n) => `${n.id}:${n.x},${n.y}`).join("|") : "";
  const height = props.height ?? Math.min(720, Math.max(360, (layout?.height ?? 0) + 100));
  return (
    <section
      aria-label={props.label}
      data-testid="state-graph"
      className="overflow-hidden rounded-md border border-slate-200 bg-slate-50 dark:border-slate-800 dark:bg-slate-950"
      style={{ height }}
    >
      {flow?.nodes.length ? (
        <ReactFlowProvider>
          <ReactFlow
            nodes={flow.nodes}
            edges={flow.edges}
            nodeTypes={NODE_TYPES}
            colorMode={dark ? "dark" : "light"}
            style={{ background: "transparent" }}
            nodesDraggable={false}
            nodesConnectable={false}
            elementsSelectable={false}
            edgesFocusable={false}
            nodesFocusable={false}
            fitView
            fitViewOptions={{ padding: 0.12, maxZoom: 1.1 }}
            minZoom={0.2}
            maxZoom={2}
            // The page scrolls past the graph; drag pans it, the controls and a pinch zoom it.
            zoomOnScroll={false}
            preventScrolling={false}
          >
            <FitOnChange shape={shape} />
            <Background gap={20} size={1} />
            <Controls showInteractive={false} position="bottom-right" />
          </ReactFlow>
        </ReactFlowProvider>
      ) : (
        <div className="flex h-full items-center justify-center p-6 text-center text-sm text-slate-500 dark:text-slate-400">
          The graph appears here once the definition has a StartAt and States.
        </div>
      )}
    </section>
  );
}
