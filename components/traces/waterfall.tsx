"use client";
import type { CSSProperties } from "react";
import { formatMs } from "@/lib/format";
import { barClass, kindStyle } from "@/components/traces/span-style";
import {
  formatTick,
  timelineTicks,
  type WaterfallLayout,
  type WaterfallRow,
} from "@/components/traces/waterfall-layout";

const NAME_COL = "w-56 shrink-0 lg:w-64";
const INDENT_PX = 14;

/** Faint vertical lines at every tick, drawn as one background (no element per tick per row). */
function gridStyle(ticks: number[], totalMs: number): CSSProperties {
  if (ticks.length < 2 || totalMs <= 0) return {};
  const stepPct = ((ticks[1]! - ticks[0]!) / totalMs) * 100;
  return {
    backgroundImage: `repeating-linear-gradient(to right, currentColor 0 1px, transparent 1px ${stepPct}%)`,
  };
}

function Axis({ ticks, totalMs }: { ticks: number[]; totalMs: number }) {
  return (
    <div
      className={
        "sticky top-0 z-10 flex border-b border-slate-200 bg-slate-50 text-xs text-slate-500 " +
        "dark:border-slate-800 dark:bg-slate-800/90 dark:text-slate-400"
      }
    >
      <div className={`${NAME_COL} px-3 py-2 font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-300`}>
        Span
      </div>
      <div aria-hidden className="relative mr-16 ml-2 flex-1">
        {ticks.map((t) => {
          const pct = totalMs > 0 ? (t / totalMs) * 100 : 0;
          return (
            <span
              key={t}
              className="absolute top-2 -translate-x-1/2 whitespace-nowrap tabular-nums first:translate-x-0"
              style={{ left: `${pct}%` }}
            >
              {formatTick(t)}
            </span>
          );
        })}
      </div>
    </div>
  );
}

function Bar({ row }: { row: WaterfallRow }) {
  const { span, offsetPct, widthPct } = row;
  return (
    <>
      <div
        data-testid="span-bar"
        data-kind={span.kind}
        title={`${span.name}: ${formatMs(span.durationMs)}, starting at +${formatMs(row.offsetMs)}`}
        className={`absolute top-1/2 h-3.5 -translate-y-1/2 rounded-sm ${barClass(span)}`}
        style={{ left: `${offsetPct}%`, width: `max(2px, ${widthPct}%)` }}
      />
      <span
        className="absolute top-1/2 -translate-y-1/2 text-xs whitespace-nowrap text-slate-600 tabular-nums dark:text-slate-300"
        // After the bar; the timeline keeps a margin on the right for the label of a bar that ends there.
        style={{ left: `calc(${offsetPct + widthPct}% + 4px)` }}
      >
        {formatMs(span.durationMs)}
      </span>
    </>
  );
}

/**
 * The trace as a tree of rows over one timeline: each row a bar from the span's start for its
 * duration. A row with children has a toggle; the name selects the span (its details open beside).
 */
export function Waterfall({
  layout,
  selected,
  collapsed,
  onSelect,
  onToggle,
}: {
  layout: WaterfallLayout;
  selected: string | null;
  collapsed: ReadonlySet<string>;
  onSelect: (spanId: string) => void;
  onToggle: (spanId: string) => void;
}) {
  const ticks = timelineTicks(layout.totalMs);
  const grid = gridStyle(ticks, layout.totalMs);
  return (
    <div className="overflow-x-auto">
      <div className="min-w-[36rem]">
        <Axis ticks={ticks} totalMs={layout.totalMs} />
        <ul aria-label="Spans, in tree order">
          {layout.rows.map((row) => {
            const { span } = row;
            const isSelected = span.spanId === selected;
            const isCollapsed = collapsed.has(span.spanId);
            const error = span.status === "error";
            return (
              // biome-ignore lint/a11y/useKeyWithClickEvents: the row's own buttons are the keyboard route; a click anywhere on it is a mouse shortcut
              <li
                key={span.spanId}
                data-testid="span-row"
                data-kind={span.kind}
                onClick={() => onSelect(span.spanId)}
                className={
                  "flex cursor-pointer border-t border-slate-100 first:border-t-0 dark:border-slate-800 " +
                  (isSelected ? "bg-orange-50 dark:bg-orange-950/30" : "hover:bg-slate-50 dark:hover:bg-slate-800/50")
                }
              >
                <div
                  className={`${NAME_COL} flex min-w-0 items-center gap-1 py-1 pr-2`}
                  style={{ paddingLeft: 8 + row.depth * INDENT_PX }}
                >
                  {row.childCount > 0 ? (
                    <button
                      type="button"
                      aria-expanded={!isCollapsed}
                      aria-label={`${isCollapsed ? "Expand" : "Collapse"} ${span.name}`}
                      title={isCollapsed ? `Show ${row.descendantCount} spans below` : "Hide the spans below"}
                      onClick={(e) => {
                        e.stopPropagation();
                        onToggle(span.spanId);
                      }}
                      className={
                        "w-4 shrink-0 rounded text-xs text-slate-500 hover:text-slate-900 focus-visible:outline-2 " +
                        "focus-visible:outline-orange-500 dark:text-slate-400 dark:hover:text-white"
                      }
                    >
                      {isCollapsed ? "▸" : "▾"}
                    </button>
                  ) : (
                    <span aria-hidden className="w-4 shrink-0" />
                  )}
                  <span aria-hidden className={`h-2.5 w-2.5 shrink-0 rounded-sm ${barClass(span)}`} />
                  <button
                    type="button"
                    aria-pressed={isSelected}
                    onClick={(e) => {
                      e.stopPropagation();
                      onSelect(span.spanId);
                    }}
                    title={`${span.name} (${kindStyle(span.kind).label}, ${span.service})`}
                    className={
                      "min-w-0 truncate rounded text-left text-sm focus-visible:outline-2 focus-visible:outline-orange-500 " +
                      (error ? "font-medium text-red-700 dark:text-red-400" : "")
                    }
                  >
                    {error ? <span className="sr-only">Error: </span> : null}
                    {span.name}
                  </button>
                  {isCollapsed ? (
                    <span className="shrink-0 text-xs text-slate-500 dark:text-slate-400">+{row.descendantCount}</span>
                  ) : null}
                  {error ? (
                    <span aria-hidden className="shrink-0 text-xs text-red-600 dark:text-red-400">
                      ⚠
                    </span>
                  ) : null}
                </div>
                <div className="relative mr-16 ml-2 h-7 flex-1 text-slate-100 dark:text-slate-800" style={grid}>
                  <Bar row={row} />
                </div>
              </li>
            );
          })}
        </ul>
      </div>
    </div>
  );
}
