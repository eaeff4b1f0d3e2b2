/**
 * How each kind of span looks: the platform's own steps muted, the function's work prominent,
 * errors red whatever their kind (with a word too: colour is never the only signal).
 */
import type { SpanKind, TraceSpan } from "@/lib/queries/traces";

interface KindStyle {
  label: string;
  /** What the kind means, for the legend's title. */
  about: string;
  bar: string;
}

export const KIND_STYLES: Record<SpanKind, KindStyle> = {
  request: {
    label: "Request",
    about: "Nimbus receiving and admitting the call",
    bar: "bg-slate-300 dark:bg-slate-600",
  },
  queue: {
    label: "Queued",
    about: "Waiting for a busy instance of the function",
    bar: "bg-amber-200 dark:bg-amber-800/70",
  },
  init: { label: "Init", about: "A cold start: loading the function's module", bar: "bg-sky-200 dark:bg-sky-800/80" },
  handler: { label: "Handler", about: "The function's handler running", bar: "bg-orange-500 dark:bg-orange-500" },
  user: {
    label: "User span",
    about: "A span the function made with @opentelemetry/api",
    bar: "bg-teal-500 dark:bg-teal-400",
  },
  execution: {
    label: "Execution",
    about: "A workflow execution, start to end",
    bar: "bg-violet-200 dark:bg-violet-900",
  },
  state: {
    label: "State",
    about: "One state of a workflow, entered to exited",
    bar: "bg-violet-400 dark:bg-violet-600",
  },
};

export const ERROR_BAR = "bg-red-500 dark:bg-red-500";

export const KIND_ORDER: readonly SpanKind[] = ["execution", "state", "request", "queue", "init", "handler", "user"];

/** An unknown kind (a newer server) falls back to the request's look rather than breaking the page. */
export function kindStyle(kind: string): KindStyle {
  return KIND_STYLES[kind as SpanKind] ?? { label: kind, about: kind, bar: KIND_STYLES.request.bar };
}

export const barClass = (span: Pick<TraceSpan, "kind" | "status">) =>
  span.status === "error" ? ERROR_BAR : kindStyle(span.kind).bar;
