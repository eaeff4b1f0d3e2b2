import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { formatTimeParts } from "@/components/logs/filters";
import { formatMs } from "@/lib/format";
import type { TraceSummaryJson } from "@/lib/queries/traces";

const th = "px-3 py-2 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-300";
const td = "px-3 py-2 align-middle";

/** Traces, newest first; the root's name opens the waterfall. Durations are drawn against the longest shown. */
export function TracesTable({ traces }: { traces: readonly TraceSummaryJson[] }) {
  const longest = Math.max(1, ...traces.map((t) => t.durationMs));
  return (
    <div
      className={
        "overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm " +
        "dark:border-slate-800 dark:bg-slate-900"
      }
    >
      <table className="w-full text-sm">
        <caption className="sr-only">Traces, newest first. Open one to see its spans on a timeline.</caption>
        <thead className="border-b border-slate-200 bg-slate-50 dark:border-slate-800 dark:bg-slate-800/60">
          <tr>
            <th scope="col" className={th}>
              Time
            </th>
            <th scope="col" className={th}>
              Root
            </th>
            <th scope="col" className={th}>
              Service
            </th>
            <th scope="col" className={th}>
              Duration
            </th>
            <th scope="col" className={`${th} text-right`}>
              Spans
            </th>
            <th scope="col" className={th}>
              Status
            </th>
          </tr>
        </thead>
        <tbody>
          {traces.map((t) => {
            const when = formatTimeParts(t.startedAt);
            return (
              <tr
                key={t.traceId}
                data-testid="trace-row"
                className="border-t border-slate-100 hover:bg-slate-50 dark:border-slate-800 dark:hover:bg-slate-800/50"
              >
                <td className={`${td} font-mono text-xs whitespace-nowrap tabular-nums`}>
                  <time dateTime={t.startedAt} title={t.startedAt}>
                    {when.time}
                    {when.date ? <span className="block text-slate-500 dark:text-slate-400">{when.date}</span> : null}
                  </time>
                </td>
                <td className={`${td} max-w-80`}>
                  <Link
                    href={`/traces/${encodeURIComponent(t.traceId)}`}
                    className="block truncate font-medium text-orange-700 hover:underline dark:text-orange-400"
                    title={t.rootName}
                  >
                    {t.rootName}
                  </Link>
                  <span className="block font-mono text-xs text-slate-500 dark:text-slate-400">
                    {t.traceId.slice(0, 16)}…
                  </span>
                </td>
                <td className={`${td} max-w-56 truncate`} title={t.service}>
                  {t.service}
                </td>
                <td className={`${td} whitespace-nowrap`}>
                  <span className="flex items-center gap-2">
                    <span
                      aria-hidden
                      className="h-1.5 w-24 shrink-0 overflow-hidden rounded-full bg-slate-100 dark:bg-slate-800"
                    >
                      <span
                        className={`block h-full rounded-full ${t.error ? "bg-red-500" : "bg-orange-500"}`}
                        style={{ width: `max(2px, ${(t.durationMs / longest) * 100}%)` }}
                      />
                    </span>
                    <span className="tabular-nums">{formatMs(t.durationMs)}</span>
                  </span>
                </td>
                <td className={`${td} text-right tabular-nums`}>{t.spanCount}</td>
                <td className={td}>{t.error ? <Badge tone="error">Error</Badge> : <Badge tone="success">OK</Badge>}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
