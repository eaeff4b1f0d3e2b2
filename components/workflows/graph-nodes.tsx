"use client";
/**
 * The graph's node renderers (React Flow custom nodes): a state, a Parallel/Map box around its
 * groups, a branch or item-processor group, and the Start/End markers. A state's colour is its
 * status in an execution (data-status says it too); its shape and type label say its type.
 */
import { Handle, type Node, type NodeProps, Position } from "@xyflow/react";
import type { StateStatus } from "@/components/workflows/execution-state";

export interface StateNodeData extends Record<string, unknown> {
  name: string;
  type: string;
  /** Undefined in the editor (no execution): the neutral look. */
  status?: StateStatus;
  selected: boolean;
  /** A short note under the name, e.g. "2 attempts". */
  note?: string;
  onSelect?: (name: string) => void;
}
export type StateFlowNode = Node<StateNodeData>;

const STATUS_STYLE: Record<StateStatus | "none", string> = {
  none: "border-slate-300 bg-white text-slate-800 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100",
  "not-started":
    "border-slate-300 bg-slate-50 text-slate-500 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-400",
  running: "border-sky-500 bg-sky-50 text-sky-950 dark:border-sky-400 dark:bg-sky-950 dark:text-sky-50",
  succeeded:
    "border-emerald-500 bg-emerald-50 text-emerald-950 dark:border-emerald-500 dark:bg-emerald-950 dark:text-emerald-50",
  failed: "border-red-500 bg-red-50 text-red-950 dark:border-red-500 dark:bg-red-950 dark:text-red-50",
  caught: "border-amber-500 bg-amber-50 text-amber-950 dark:border-amber-400 dark:bg-amber-950 dark:text-amber-50",
  aborted: "border-dashed border-slate-400 bg-slate-100 text-slate-600 dark:bg-slate-800 dark:text-slate-300",
};

/** Containers take the status colour on their frame only, so what is inside stays readable. */
const FRAME_STYLE: Record<StateStatus | "none", string> = {
  none: "border-slate-300 bg-slate-50/60 dark:border-slate-600 dark:bg-slate-900/60",
  "not-started": "border-slate-300 bg-slate-50/60 dark:border-slate-700 dark:bg-slate-900/60",
  running: "border-sky-500 bg-sky-50/50 dark:border-sky-400 dark:bg-sky-950/40",
  succeeded: "border-emerald-500 bg-emerald-50/50 dark:bg-emerald-950/30",
  failed: "border-red-500 bg-red-50/50 dark:bg-red-950/30",
  caught: "border-amber-500 bg-amber-50/50 dark:bg-amber-950/30",
  aborted: "border-dashed border-slate-400 bg-slate-100/60 dark:bg-slate-800/60",
};

const TYPE_ACCENT: Record<string, string> = {
  Task: "text-orange-700 dark:text-orange-400",
  Choice: "text-violet-700 dark:text-violet-400",
  Parallel: "text-sky-700 dark:text-sky-400",
  Map: "text-sky-700 dark:text-sky-400",
  Wait: "text-amber-700 dark:text-amber-400",
  Succeed: "text-emerald-700 dark:text-emerald-400",
  Fail: "text-red-700 dark:text-red-400",
};

const hidden = { opacity: 0, pointerEvents: "none" as const };

function Handles() {
  return (
    <>
      <Handle type="target" position={Position.Top} isConnectable={false} style={hidden} />
      <Handle type="source" position={Position.Bottom} isConnectable={false} style={hidden} />
    </>
  );
}

/** A small shape before the type's name: Choice's diamond, Wait's circle, a square for the rest. */
function TypeMark({ type }: { type: string }) {
  const shape =
    type === "Choice"
      ? "rotate-45 rounded-[1px]"
      : type === "Wait" || type === "Succeed" || type === "Fail"
        ? "rounded-full"
        : "rounded-[2px]";
  return <span aria-hidden className={`inline-block h-2 w-2 shrink-0 bg-current ${shape}`} />;
}

function TypeLabel({ type }: { type: string }) {
  return (
    <span
      className={`flex items-center gap-1 text-[10px] font-semibold tracking-wide uppercase ${TYPE_ACCENT[type] ?? "text-slate-500 dark:text-slate-400"}`}
    >
      <TypeMark type={type} />
      {type}
    </span>
  );
}

const STATUS_WORD: Record<StateStatus, string> = {
  "not-started": "not started",
  running: "running",
  succeeded: "succeeded",
  failed: "failed",
  caught: "failed, caught",
  aborted: "aborted",
};

/** What a screen reader hears for a state: its name, type and status. */
const stateLabel = (d: StateNodeData) => `${d.name}, ${d.type}${d.status ? `, ${STATUS_WORD[d.status]}` : ""}`;

const ring = "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-orange-500";

/** A running state pulses (a ring around it, so its text stays still). */
function Pulse({ status, rounded }: { status?: StateStatus; rounded: string }) {
  if (status !== "running") return null;
  return <span aria-hidden className={`absolute -inset-1.5 animate-pulse border-2 border-sky-400 ${rounded}`} />;
}

export function StateNode({ data }: NodeProps<StateFlowNode>) {
  const terminal = data.type === "Succeed" || data.type === "Fail";
  const rounded = terminal ? "rounded-full" : data.type === "Choice" ? "rounded-2xl" : "rounded-lg";
  const border = terminal ? "border-[3px] border-double" : "border-2";
  return (
    <div className="relative h-full w-full">
      <Pulse status={data.status} rounded={rounded} />
      <button
        type="button"
        data-testid="state-node"
        data-state={data.name}
        data-status={data.status ?? "none"}
        aria-label={stateLabel(data)}
        aria-pressed={data.onSelect ? data.selected : undefined}
        disabled={!data.onSelect}
        onClick={() => data.onSelect?.(data.name)}
        className={
          `relative flex h-full w-full flex-col items-center justify-center px-3 shadow-sm ${rounded} ${border} ` +
          `${STATUS_STYLE[data.status ?? "none"]} ${ring} ${data.onSelect ? "cursor-pointer" : "cursor-default"} ` +
          (data.selected ? "outline-2 outline-offset-2 outline-orange-500" : "")
        }
        title={data.name}
      >
        <TypeLabel type={data.type} />
        <span className="max-w-full truncate text-[13px] leading-tight font-medium">{data.name}</span>
        {data.note ? <span className="text-[10px] leading-tight opacity-75">{data.note}</span> : null}
      </button>
      <Handles />
    </div>
  );
}

/** A Parallel or Map state: a box with its name on top and its groups inside. */
export function ContainerNode({ data }: NodeProps<StateFlowNode>) {
  return (
    <div className="relative h-full w-full">
      <Pulse status={data.status} rounded="rounded-xl" />
      <div
        data-testid="state-node"
        data-state={data.name}
        data-status={data.status ?? "none"}
        className={
          `relative h-full w-full rounded-xl border-2 ${FRAME_STYLE[data.status ?? "none"]} ` +
          (data.selected ? "outline-2 outline-offset-2 outline-orange-500" : "")
        }
      >
        <button
          type="button"
          aria-label={stateLabel(data)}
          aria-pressed={data.onSelect ? data.selected : undefined}
          disabled={!data.onSelect}
          onClick={() => data.onSelect?.(data.name)}
          title={data.name}
          className={`flex w-full items-center gap-2 rounded-t-xl px-3 py-2 text-left ${ring} ${data.onSelect ? "cursor-pointer" : "cursor-default"}`}
        >
          <TypeLabel type={data.type} />
          <span className="truncate text-[13px] font-medium text-slate-900 dark:text-slate-100">{data.name}</span>
          {data.note ? <span className="ml-auto shrink-0 text-[10px] text-slate-500">{data.note}</span> : null}
        </button>
      </div>
      <Handles />
    </div>
  );
}

export type GroupFlowNode = Node<{ label: string }>;

/** A Parallel branch or a Map's item processor: a dashed frame with a small title. */
export function BranchNode({ data }: NodeProps<GroupFlowNode>) {
  return (
    <div className="h-full w-full rounded-lg border border-dashed border-slate-400 bg-white/70 dark:border-slate-600 dark:bg-slate-950/50">
      <span className="block px-2.5 pt-1.5 text-[10px] font-semibold tracking-wide text-slate-500 uppercase dark:text-slate-400">
        {data.label}
      </span>
    </div>
  );
}

/** The Start and End markers. */
export function MarkerNode({ data }: NodeProps<GroupFlowNode>) {
  return (
    <div
      data-testid={`graph-${data.label.toLowerCase()}`}
      className="flex h-full w-full items-center justify-center rounded-full bg-slate-700 text-[11px] font-semibold text-white dark:bg-slate-300 dark:text-slate-900"
    >
      {data.label}
      <Handles />
    </div>
  );
}

export const NODE_TYPES = { state: StateNode, container: ContainerNode, branch: BranchNode, marker: MarkerNode };
