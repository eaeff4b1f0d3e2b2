import Link from "next/link";
import { formatDateTime, formatRelative } from "@/lib/format";
import { EXECUTION_STATUSES, RECENT_EXECUTIONS, type StateMachineSummary } from "@/lib/queries/state-machines";
import { STATUS_LABEL } from "@/components/workflows/execution-format";
import { ExecutionStatusBadge, MachineTypeBadge } from "@/components/workflows/workflow-badges";

const th = "px-4 py-2 font-medium whitespace-nowrap";
const enc = encodeURIComponent;
const COUNT_COLOUR = {
  RUNNING: "text-sky-700 dark:text-sky-400",
  SUCCEEDED: "text-emerald-700 dark:text-emerald-400",
  FAILED: "text-red-700 dark:text-red-400",
  TIMED_OUT: "text-red-700 dark:text-red-400",
  ABORTED: "text-amber-700 dark:text-amber-400",
} as const;

/** Every state machine with its type, its newest execution and how its recent ones went. */
export function StateMachinesTable({ machines }: { machines: readonly StateMachineSummary[] }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <table className="w-full text-sm">
        <caption className="sr-only">State machines with their newest execution</caption>
        <thead className="bg-slate-100 text-left text-slate-600 dark:bg-slate-800 dark:text-slate-300">
          <tr>
            <th scope="col" className={th}>
              State machine
            </th>
            <th scope="col" className={th}>
              Type
            </th>
            <th scope="col" className={th}>
              Last execution
            </th>
            <th scope="col" className={th}>
              Recent executions (last {RECENT_EXECUTIONS})
            </th>
            <th scope="col" className={th}>
              Last modified
            </th>
          </tr>
        </thead>
        <tbody>
          {machines.map((m) => (
            <tr
              key={m.arn}
              data-testid="state-machine-row"
              className="border-t border-slate-100 hover:bg-slate-50 dark:border-slate-800 dark:hover:bg-slate-800/50"
            >
              <td className="px-4 py-2">
                <Link
                  href={`/state-machines/${enc(m.name)}`}
                  className="font-medium text-orange-700 hover:underline dark:text-orange-400"
                >
                  {m.name}
                </Link>
                {m.description ? (
                  <span className="block max-w-md truncate text-xs text-slate-500 dark:text-slate-400">
                    {m.description}
                  </span>
                ) : null}
              </td>
              <td className="px-4 py-2">
                <MachineTypeBadge type={m.type} />
              </td>
              <td className="px-4 py-2 whitespace-nowrap">
                {m.lastExecution ? (
                  <span className="flex items-center gap-2">
                    <ExecutionStatusBadge status={m.lastExecution.status} />
                    <Link
                      href={`/state-machines/${enc(m.name)}/executions/${enc(m.lastExecution.name)}`}
                      className="text-slate-600 hover:underline dark:text-slate-300"
                      title={formatDateTime(m.lastExecution.startedAt)}
                    >
                      {formatRelative(m.lastExecution.startedAt)}
                    </Link>
                  </span>
                ) : (
                  <span className="text-slate-500 dark:text-slate-400">Never run</span>
                )}
              </td>
              <td className="px-4 py-2 whitespace-nowrap tabular-nums">
                <RecentCounts recent={m.recent} />
              </td>
              <td className="px-4 py-2 whitespace-nowrap">{formatDateTime(m.updatedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RecentCounts({ recent }: { recent: StateMachineSummary["recent"] }) {
  const shown = EXECUTION_STATUSES.filter((s) => recent[s]);
  if (!shown.length) return <span className="text-slate-500 dark:text-slate-400">—</span>;
  return (
    <span className="flex gap-3">
      {shown.map((s) => (
        <span key={s} className={COUNT_COLOUR[s]}>
          {recent[s]} {STATUS_LABEL[s].toLowerCase()}
        </span>
      ))}
    </span>
  );
}
