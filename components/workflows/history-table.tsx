"use client";
import { Fragment, useState } from "react";
import { formatDateTime } from "@/lib/format";
import type { HistoryEventJson } from "@/lib/queries/state-machines";
import { eventTone, readableDetails } from "@/components/workflows/execution-format";

const th = "px-3 py-2 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-300";
const td = "px-3 py-1.5 align-top whitespace-nowrap";
const TONE = {
  error: "text-red-700 dark:text-red-400",
  success: "text-emerald-700 dark:text-emerald-400",
  neutral: "",
};

/** Seconds since the execution started: "+1.204 s". */
const since = (start: number, at: string) => `+${((Date.parse(at) - start) / 1000).toFixed(3)} s`;

/** The execution's events in order; a row opens to show its details as JSON. */
export function HistoryTable({
  events,
  stateOfEvent,
  startedAt,
}: {
  events: readonly HistoryEventJson[];
  stateOfEvent: Record<number, string>;
  startedAt: string;
}) {
  const [open, setOpen] = useState<Set<number>>(() => new Set());
  const start = Date.parse(startedAt);
  const toggle = (id: number) =>
    setOpen((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm">
        <caption className="sr-only">Events of the execution, oldest first. Open a row for its details.</caption>
        <thead className="border-b border-slate-200 dark:border-slate-800">
          <tr>
            <th scope="col" className={`${th} w-14 text-right`}>
              ID
            </th>
            <th scope="col" className={th}>
              Type
            </th>
            <th scope="col" className={th}>
              State
            </th>
            <th scope="col" className={th}>
              Time
            </th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => {
            const isOpen = open.has(e.id);
            return (
              <Fragment key={e.id}>
                <tr data-testid="history-row" className="border-t border-slate-100 dark:border-slate-800">
                  <td className={`${td} text-right font-mono text-xs text-slate-500 tabular-nums`}>{e.id}</td>
                  <td className={td}>
                    <button
                      type="button"
                      onClick={() => toggle(e.id)}
                      aria-expanded={isOpen}
                      aria-controls={isOpen ? `event-${e.id}` : undefined}
                      className={`flex items-center gap-1 rounded text-left hover:underline focus-visible:outline-2 focus-visible:outline-orange-500 ${TONE[eventTone(e.type)]}`}
                    >
                      <span aria-hidden className="w-3 text-slate-400">
                        {isOpen ? "▾" : "▸"}
                      </span>
                      {e.type}
                    </button>
                  </td>
                  <td className={`${td} max-w-64 truncate`}>{stateOfEvent[e.id] ?? ""}</td>
                  <td className={`${td} font-mono text-xs tabular-nums`} title={formatDateTime(e.timestamp)}>
                    {since(start, e.timestamp)}
                  </td>
                </tr>
                {isOpen ? (
                  <tr id={`event-${e.id}`}>
                    <td />
                    <td colSpan={3} className="pr-3 pb-2">
                      <pre className="max-h-80 overflow-auto rounded-md bg-slate-50 p-2.5 font-mono text-xs whitespace-pre-wrap break-all dark:bg-slate-800/60">
                        {readableDetails(e.details)}
                      </pre>
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
