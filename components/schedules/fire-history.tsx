import Link from "next/link";
import type { ScheduleFireJson, ScheduleOwnerRef } from "@/lib/queries/schedules";
import { formatInZone } from "@/components/schedules/zoned-time";

const th = "px-3 py-2 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-300";
const td = "px-3 py-2 align-top";

function FireStatus({ fire }: { fire: ScheduleFireJson }) {
  const { status } = fire;
  if (status === "failed")
    return (
      <span
        title={`Not delivered after ${fire.attempts ?? 1} attempts: ${fire.error ?? "the target could not be reached"}`}
        className={
          "inline-flex items-center rounded-full bg-red-50 px-2 py-0.5 text-xs font-medium text-red-800 " +
          "ring-1 ring-red-600/20 ring-inset dark:bg-red-950 dark:text-red-300 dark:ring-red-400/30"
        }
      >
        Failed
      </span>
    );
  return status === "fired" ? (
    <span
      className={
        "inline-flex items-center rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-800 " +
        "ring-1 ring-emerald-600/20 ring-inset dark:bg-emerald-950 dark:text-emerald-300 " +
        "dark:ring-emerald-400/30"
      }
    >
      Fired
    </span>
  ) : (
    <span
      title="Not run: the slot was older than the schedule's maximum event age when a server got to it"
      className={
        "inline-flex items-center rounded-full bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-800 " +
        "ring-1 ring-amber-600/20 ring-inset dark:bg-amber-950 dark:text-amber-300 dark:ring-amber-400/30"
      }
    >
      Missed
    </span>
  );
}

/** A schedule's latest fires, newest first; a fired slot links to its invocation's log (or its execution). */
export function FireHistory({
  owner,
  timeZone,
  fires,
}: {
  owner: ScheduleOwnerRef;
  timeZone: string;
  fires: ScheduleFireJson[];
}) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm">
        <caption className="sr-only">Fires of this schedule, newest first</caption>
        <thead className="border-b border-slate-200 bg-slate-50 dark:border-slate-800 dark:bg-slate-800/60">
          <tr>
            <th scope="col" className={th}>
              Scheduled time ({timeZone})
            </th>
            <th scope="col" className={th}>
              Status
            </th>
            <th scope="col" className={`${th} text-right`}>
              Late
            </th>
            <th scope="col" className={th}>
              Invocation
            </th>
          </tr>
        </thead>
        <tbody>
          {fires.map((f) => (
            <tr key={f.slot} className="border-t border-slate-100 dark:border-slate-800" data-testid="fire-row">
              <td className={`${td} font-mono text-xs whitespace-nowrap tabular-nums`}>
                <time dateTime={f.slot} title={`${formatInZone(f.slot, "UTC")} UTC`}>
                  {formatInZone(f.slot, timeZone)}
                </time>
              </td>
              <td className={td}>
                <FireStatus fire={f} />
                {f.status === "failed" && f.error ? (
                  <p className="mt-0.5 max-w-80 truncate text-xs text-red-700 dark:text-red-400" title={f.error}>
                    {f.error}
                  </p>
                ) : null}
              </td>
              <td className={`${td} text-right font-mono text-xs whitespace-nowrap tabular-nums`}>
                {f.lateMs === null ? "—" : `${f.lateMs.toLocaleString("en-US")} ms`}
              </td>
              <td className={td}>
                {f.requestId ? (
                  <span className="flex items-center gap-2">
                    <Link
                      href={
                        owner.kind === "function"
                          ? `/functions/${encodeURIComponent(owner.name)}?tab=logs&invocation=${f.requestId}`
                          : `/state-machines/${encodeURIComponent(owner.name)}/executions/${f.requestId}`
                      }
                      className="text-orange-700 hover:underline dark:text-orange-400"
                    >
                      {owner.kind === "function" ? "View log" : "View execution"}
                    </Link>
                    <span className="truncate font-mono text-xs text-slate-500 dark:text-slate-400" title={f.requestId}>
                      {f.requestId.slice(0, 8)}
                    </span>
                  </span>
                ) : (
                  <span className="text-slate-400">—</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
