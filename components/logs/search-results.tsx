"use client";
import type { ReactNode } from "react";
import { formatTime, highlightParts, type MatchGroup } from "@/components/logs/filters";
import { StatusBadge } from "@/components/logs/status-badge";

const ERROR_LINE = "bg-red-50 text-red-800 dark:bg-red-950/60 dark:text-red-200";

function Highlighted({ text, q }: { text: string; q: string }) {
  return (
    <>
      {highlightParts(text, q).map((p, i) =>
        p.hit ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one line, in order
          <mark key={i} className="rounded-sm bg-yellow-200 px-0.5 text-inherit dark:bg-yellow-700/60">
            {p.text}
          </mark>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one line, in order
          <span key={i}>{p.text}</span>
        ),
      )}
    </>
  );
}

/** Matching log lines grouped by invocation; a group's header opens that invocation's whole log. */
export function SearchResults({
  groups,
  q,
  open,
  onToggle,
  renderLog,
}: {
  groups: MatchGroup[];
  q: string;
  open: string | null;
  onToggle: (requestId: string) => void;
  renderLog: (requestId: string) => ReactNode;
}) {
  return (
    <ol aria-label={`Invocations with log lines matching ${q}`} className="space-y-2">
      {groups.map((g) => {
        const isOpen = g.requestId === open;
        const regionId = `search-log-${g.requestId}`;
        return (
          <li
            key={g.requestId}
            className="rounded-lg border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900"
          >
            <button
              type="button"
              onClick={() => onToggle(g.requestId)}
              aria-expanded={isOpen}
              aria-controls={isOpen ? regionId : undefined}
              className={
                "flex w-full flex-wrap items-center gap-x-3 gap-y-1 rounded-t-lg px-3 py-2 text-left text-sm " +
                "hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-orange-500 " +
                "dark:hover:bg-slate-800/50"
              }
            >
              <span aria-hidden className="w-3 text-slate-400">
                {isOpen ? "▾" : "▸"}
              </span>
              {g.invocation ? (
                <>
                  <time dateTime={g.invocation.startedAt} className="font-mono text-xs tabular-nums">
                    {formatTime(g.invocation.startedAt)}
                  </time>
                  <StatusBadge invocation={g.invocation} />
                </>
              ) : (
                <span className="text-xs text-slate-500">Invocation record not found</span>
              )}
              <code className="font-mono text-xs text-slate-500 dark:text-slate-400">{g.requestId}</code>
              <span className="ml-auto text-xs text-slate-500 dark:text-slate-400">
                {g.lines.length} matching {g.lines.length === 1 ? "line" : "lines"}
              </span>
            </button>
            <ul className="border-t border-slate-100 py-1 font-mono text-xs leading-5 dark:border-slate-800">
              {g.lines.map((l) => (
                <li
                  key={l.id}
                  className={`px-3 whitespace-pre-wrap break-all ${l.level === "ERROR" ? ERROR_LINE : ""}`}
                >
                  <span className="mr-2 text-slate-500 dark:text-slate-400">{formatTime(l.ts)}</span>
                  <span className="mr-2 font-semibold">{l.level}</span>
                  <Highlighted text={l.message} q={q} />
                </li>
              ))}
            </ul>
            {isOpen ? (
              <div id={regionId} className="border-t border-slate-100 p-3 dark:border-slate-800">
                {renderLog(g.requestId)}
              </div>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
