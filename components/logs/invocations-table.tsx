"use client";
import Link from "next/link";
import { Fragment, type ReactNode } from "react";
import type { InvocationItem } from "@/lib/queries/invocations";
import { formatMs } from "@/lib/format";
import { formatTimeParts } from "@/components/logs/filters";
import { ColdStartBadge, StatusBadge } from "@/components/logs/status-badge";
import { triggerLabel } from "@/components/logs/trigger-label";

const th = "px-3 py-2 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-300";
const td = "px-3 py-2 align-top";
const rowBase =
  "cursor-pointer border-t border-slate-100 transition-colors duration-1000 hover:bg-slate-50 " +
  "dark:border-slate-800 dark:hover:bg-slate-800/50";
const openRow = "bg-orange-50/60 dark:bg-orange-950/20";
const freshRow = "bg-sky-50 dark:bg-sky-950/40";

/**
 * Invocations, newest first. A row opens its log in a row right below it: the first cell is a
 * button (keyboard: Tab to it, Enter/Space), and a click anywhere on the row does the same.
 */
export function InvocationsTable({
  items,
  open,
  fresh,
  onToggle,
  renderLog,
}: {
  items: InvocationItem[];
  open: string | null;
  fresh: ReadonlySet<string>;
  onToggle: (requestId: string) => void;
  renderLog: (requestId: string) => ReactNode;
}) {
  // Retries share a request id: the log (all attempts) opens under the first row only.
  let logShown = false;
  return (
    <div
      className={
        "overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm " +
        "dark:border-slate-800 dark:bg-slate-900"
      }
    >
      {/* Fixed layout: opening a long log below a row must not shift the columns. */}
      <table className="w-full table-fixed text-sm">
        <caption className="sr-only">Invocations, newest first. Open a row to read its log.</caption>
        <colgroup>
          <col className="w-36" />
          <col />
          <col className="w-24" />
          <col className="w-28" />
          <col className="w-36" />
          <col className="w-36" />
          <col className="w-28" />
        </colgroup>
        <thead className="border-b border-slate-200 bg-slate-50 dark:border-slate-800 dark:bg-slate-800/60">
          <tr>
            <th scope="col" className={th}>
              Time
            </th>
            <th scope="col" className={th}>
              Status
            </th>
            <th scope="col" className={`${th} text-right`}>
              Duration
            </th>
            <th scope="col" className={`${th} text-right`}>
              Memory
            </th>
            <th scope="col" className={th}>
              Trigger
            </th>
            <th scope="col" className={th}>
              Cold start
            </th>
            <th scope="col" className={th}>
              Request
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((inv) => {
            const isOpen = inv.requestId === open && !logShown;
            if (isOpen) logShown = true;
            const rowId = `log-${inv.requestId}-${inv.attempt}`;
            const when = formatTimeParts(inv.startedAt);
            return (
              <Fragment key={`${inv.requestId}:${inv.attempt}`}>
                <tr
                  onClick={() => onToggle(inv.requestId)}
                  className={`${rowBase} ${isOpen ? openRow : fresh.has(inv.requestId) ? freshRow : ""}`}
                >
                  <td className={`${td} whitespace-nowrap`}>
                    <button
                      type="button"
                      aria-expanded={isOpen}
                      aria-controls={isOpen ? rowId : undefined}
                      className={
                        "rounded font-mono text-xs tabular-nums hover:underline focus-visible:outline-2 " +
                        "focus-visible:outline-orange-500"
                      }
                    >
                      <span aria-hidden className="mr-1 inline-block w-3 text-slate-400">
                        {isOpen ? "▾" : "▸"}
                      </span>
                      <time dateTime={inv.startedAt} title={inv.startedAt}>
                        {when.time}
                        {when.date ? (
                          <span className="block pl-4 text-left text-slate-500 dark:text-slate-400">{when.date}</span>
                        ) : null}
                      </time>
                      {inv.attempt > 1 ? (
                        <span className="block pl-4 text-left text-slate-500">attempt {inv.attempt}</span>
                      ) : null}
                    </button>
                  </td>
                  <td className={td}>
                    <StatusBadge invocation={inv} />
                    {inv.errorMessage && inv.outcome !== "Throttled" ? (
                      <p
                        className="mt-0.5 truncate text-xs text-slate-500 dark:text-slate-400"
                        title={inv.errorMessage}
                      >
                        {inv.errorMessage}
                      </p>
                    ) : null}
                  </td>
                  <td className={`${td} text-right whitespace-nowrap tabular-nums`}>
                    {inv.outcome === "Throttled" ? "—" : formatMs(inv.durationMs)}
                  </td>
                  <td className={`${td} text-right whitespace-nowrap tabular-nums`}>
                    {inv.outcome === "Throttled" ? "—" : `${inv.maxMemoryUsedMb} / ${inv.memorySizeMb} MB`}
                  </td>
                  <td className={td}>
                    <TriggerCell inv={inv} />
                    {inv.http ? (
                      <span
                        className="block max-w-48 truncate font-mono text-xs text-slate-500 dark:text-slate-400"
                        title={`${inv.http.method} ${inv.http.path}`}
                      >
                        {inv.http.method} {inv.http.path}
                        {inv.http.status === null ? "" : ` → ${inv.http.status}`}
                      </span>
                    ) : null}
                  </td>
                  <td className={td}>
                    <ColdStartBadge initDurationMs={inv.initDurationMs} />
                  </td>
                  <td className={`${td} font-mono text-xs text-slate-500 dark:text-slate-400`}>
                    <span title={inv.requestId}>{inv.requestId.slice(0, 8)}</span>
                    <TraceLink traceId={(inv as { traceId?: string | null }).traceId} requestId={inv.requestId} />
                  </td>
                </tr>
                {isOpen ? (
                  <tr id={rowId}>
                    <td colSpan={7} className="px-3 pb-3">
                      {renderLog(inv.requestId)}
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

/** The trigger, and for a queue batch the queue it came from on a second line (the whole label on hover). */
function TriggerCell({ inv }: { inv: InvocationItem }) {
  const label = triggerLabel(inv);
  if (!label.source) return <>{label.text}</>;
  return (
    <span title={label.full} data-testid="trigger-label">
      <span className="block whitespace-nowrap">{label.text}</span>
      <span className="block truncate font-mono text-xs text-slate-500 dark:text-slate-400">
        <span className="sr-only">from </span>
        {label.source}
      </span>
    </span>
  );
}

/** The invocation's trace (its waterfall); the row's own click (open the log) is not triggered by it. */
function TraceLink({ traceId, requestId }: { traceId: string | null | undefined; requestId: string }) {
  if (!traceId) return null;
  return (
    <Link
      href={`/traces/${encodeURIComponent(traceId)}`}
      onClick={(e) => e.stopPropagation()}
      aria-label={`Trace of request ${requestId.slice(0, 8)}`}
      className="mt-0.5 block w-fit font-sans font-medium text-orange-700 hover:underline dark:text-orange-400"
    >
      Trace <span aria-hidden>→</span>
    </Link>
  );
}
