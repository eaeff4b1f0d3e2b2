/**
 * The waterfall's geometry (pure): spans in tree order with their depths, the rows a collapse
 * hides, and each bar's place on the trace's timeline as percentages of its extent.
 */
import type { TraceSpan } from "@/lib/traces/types";

export interface WaterfallRow {
  span: TraceSpan;
  depth: number;
  /** Direct children in the trace (shown or not). */
  childCount: number;
  /** Every span below this one: what a collapse hides. */
  descendantCount: number;
  /** Where the bar starts and how wide it is, in % of the trace's extent. */
  offsetPct: number;
  widthPct: number;
  /** Milliseconds from the trace's first start to this span's start. */
  offsetMs: number;
}

export interface WaterfallLayout {
  rows: WaterfallRow[];
  startMs: number;
  endMs: number;
  totalMs: number;
}

/** Start first; at a tie the longer span (the likely parent) first; then the id, so the order is stable. */
function byStart(a: TraceSpan, b: TraceSpan): number {
  return (
    a.startMs - b.startMs || b.durationMs - a.durationMs || (a.spanId < b.spanId ? -1 : a.spanId > b.spanId ? 1 : 0)
  );
}

/**
 * Spans as a tree, depth first, siblings by start. A span whose parent is not in the trace (not
 * recorded yet, or dropped) is shown at the root; so is anything a cycle of parents would hide.
 * `collapsed` spans keep their row; what is below them is left out.
 */
export function layoutWaterfall(
  spans: readonly TraceSpan[],
  collapsed: ReadonlySet<string> = new Set(),
): WaterfallLayout {
  if (spans.length === 0) return { rows: [], startMs: 0, endMs: 0, totalMs: 0 };
  const byId = new Map<string, TraceSpan>();
  for (const s of spans) if (!byId.has(s.spanId)) byId.set(s.spanId, s);
  const unique = [...byId.values()];

  const children = new Map<string, TraceSpan[]>();
  const roots: TraceSpan[] = [];
  for (const s of unique) {
    const parent = s.parentSpanId;
    if (parent === null || parent === s.spanId || !byId.has(parent)) roots.push(s);
    else {
      const list = children.get(parent);
      if (list) list.push(s);
      else children.set(parent, [s]);
    }
  }
  for (const list of children.values()) list.sort(byStart);

  // A loop, not Math.min(...spread): a long trace must not overflow the argument stack.
  let startMs = Number.POSITIVE_INFINITY;
  let endMs = Number.NEGATIVE_INFINITY;
  for (const s of unique) {
    startMs = Math.min(startMs, s.startMs);
    endMs = Math.max(endMs, s.startMs + Math.max(0, s.durationMs));
  }
  const totalMs = endMs - startMs;
  const pct = (ms: number) => (totalMs > 0 ? (ms / totalMs) * 100 : 0);

  const counted = new Map<string, number>();
  const descendants = (id: string, seen: Set<string>): number => {
    const known = counted.get(id);
    if (known !== undefined) return known;
    seen.add(id);
    let n = 0;
    for (const c of children.get(id) ?? []) if (!seen.has(c.spanId)) n += 1 + descendants(c.spanId, seen);
    counted.set(id, n);
    return n;
  };

  const rows: WaterfallRow[] = [];
  const placed = new Set<string>();
  const visit = (s: TraceSpan, depth: number, shown: boolean) => {
    if (placed.has(s.spanId)) return;
    placed.add(s.spanId);
    const kids = children.get(s.spanId) ?? [];
    if (shown)
      rows.push({
        span: s,
        depth,
        childCount: kids.length,
        descendantCount: descendants(s.spanId, new Set()),
        offsetMs: s.startMs - startMs,
        offsetPct: pct(s.startMs - startMs),
        widthPct: pct(Math.max(0, s.durationMs)),
      });
    for (const c of kids) visit(c, depth + 1, shown && !collapsed.has(s.spanId));
  };
  for (const r of roots.sort(byStart)) visit(r, 0, true);
  // A cycle (a → b → a) has no root: its spans are shown at the root too, in start order.
  for (const s of unique.filter((s) => !placed.has(s.spanId)).sort(byStart)) visit(s, 0, true);
  return { rows, startMs, endMs, totalMs };
}

/** Round tick steps (1, 2, 5 × 10ⁿ ms) giving about `target` intervals across `totalMs`. */
export function timelineTicks(totalMs: number, target = 5): number[] {
  if (!(totalMs > 0) || !Number.isFinite(totalMs)) return [0];
  const raw = totalMs / target;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * pow).find((s) => s >= raw) ?? 10 * pow;
  const ticks: number[] = [];
  // Rounded so that 0.1 + 0.2 style sums do not print as 0.30000000000000004.
  for (let i = 0; i * step <= totalMs * (1 + 1e-9); i++) ticks.push(Number((i * step).toPrecision(12)));
  return ticks;
}

/** A tick's label: "0", "250 ms", "1.5 s", "0.2 ms". */
export function formatTick(ms: number): string {
  if (ms === 0) return "0";
  if (ms >= 1000) return `${Number((ms / 1000).toPrecision(6))} s`;
  return `${Number(ms.toPrecision(6))} ms`;
}
