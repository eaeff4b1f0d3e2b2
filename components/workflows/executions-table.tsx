import Link from "next/link";
import { formatDateTime } from "@/lib/format";
import type { ExecutionSummary } from "@/lib/queries/state-machines";
import { formatElapsed } from "@/components/workflows/execution-format";
import { ExecutionStatusBadge } from "@/components/workflows/workflow-badges";

const th = "px-4 py-2 font-medium whitespace-nowrap";
const td = "px-4 py-2 whitespace-nowrap";

/** A machine's executions, newest first; a name opens the execution. */
export function ExecutionsTable({
  machine,
  executions,
  now,
}: {
  machine: string;
  executions: readonly ExecutionSummary[];
  /** For the running ones' duration so far. */
  now: number;
}) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <table className="w-full text-sm">
        <caption className="sr-only">Executions of {machine}, newest first</caption>
        <thead className="bg-slate-100 text-left text-slate-600 dark:bg-slate-800 dark:text-slate-300">
          <tr>
            <th scope="col" className={th}>
              Execution
            </th>
            <th scope="col" className={th}>
              Status
            </th>
            <th scope="col" className={th}>
              Started
            </th>
            <th scope="col" className={th}>
              Stopped
            </th>
            <th scope="col" className={`${th} text-right`}>
              Duration
            </th>
          </tr>
        </thead>
        <tbody>
          {executions.map((e) => (
            <tr
              key={e.arn}
              data-testid="execution-row"
              className="border-t border-slate-100 hover:bg-slate-50 dark:border-slate-800 dark:hover:bg-slate-800/50"
            >
              <td className="max-w-md truncate px-4 py-2">
                <Link
                  href={`/state-machines/${encodeURIComponent(machine)}/executions/${encodeURIComponent(e.name)}`}
                  className="font-mono text-xs font-medium text-orange-700 hover:underline dark:text-orange-400"
                  title={e.arn}
                >
                  {e.name}
                </Link>
                {e.redriveCount ? (
                  <span className="ml-2 text-xs text-slate-500 dark:text-slate-400">redriven ×{e.redriveCount}</span>
                ) : null}
              </td>
              <td className={td}>
                <ExecutionStatusBadge status={e.status} />
              </td>
              <td className={`${td} tabular-nums`}>{formatDateTime(e.startedAt)}</td>
              <td className={`${td} tabular-nums`}>{e.stoppedAt ? formatDateTime(e.stoppedAt) : "—"}</td>
              <td className={`${td} text-right tabular-nums`}>{formatElapsed(e.startedAt, e.stoppedAt, now)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
