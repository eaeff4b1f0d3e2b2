import Link from "next/link";
import { formatDateTime } from "@/lib/format";
import type { MappingJson } from "@/lib/queries/event-sources";
import { MappingState, ProcessingResult } from "@/components/event-sources/mapping-badges";

const th = "px-3 py-2 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-300";
const td = "px-3 py-2 align-top";

/** The event source mappings reading a queue, each linking to its function's (or state machine's) Triggers tab. */
export function QueueMappings({ mappings }: { mappings: readonly MappingJson[] }) {
  if (mappings.length === 0)
    return (
      <p className="text-sm text-slate-500 dark:text-slate-400">
        No function or state machine reads this queue. Add a trigger on a function&apos;s or state machine&apos;s
        Triggers tab.
      </p>
    );
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm">
        <thead className="border-b border-slate-200 dark:border-slate-800">
          <tr>
            <th scope="col" className={th}>
              Target
            </th>
            <th scope="col" className={th}>
              State
            </th>
            <th scope="col" className={`${th} text-right`}>
              Batch size
            </th>
            <th scope="col" className={th}>
              Last result
            </th>
            <th scope="col" className={th}>
              Last batch
            </th>
          </tr>
        </thead>
        <tbody>
          {mappings.map((m) => (
            <tr key={m.id} data-testid="queue-mapping" className="border-t border-slate-100 dark:border-slate-800">
              <td className={td}>
                {m.stateMachineName ? (
                  <>
                    <span className="text-slate-500">State machine </span>
                    <Link
                      href={`/state-machines/${encodeURIComponent(m.stateMachineName)}?tab=triggers`}
                      className="font-medium text-orange-700 hover:underline dark:text-orange-400"
                    >
                      {m.stateMachineName}
                    </Link>
                  </>
                ) : (
                  <>
                    <Link
                      href={`/functions/${encodeURIComponent(m.functionName ?? "")}?tab=triggers`}
                      className="font-medium text-orange-700 hover:underline dark:text-orange-400"
                    >
                      {m.functionName}
                    </Link>
                    {m.qualifier !== "$LATEST" ? <span className="text-slate-500"> : {m.qualifier}</span> : null}
                  </>
                )}
              </td>
              <td className={td}>
                <MappingState state={m.state} />
              </td>
              <td className={`${td} text-right tabular-nums`}>{m.batchSize}</td>
              <td className={`${td} max-w-80`}>
                <ProcessingResult mapping={m} />
              </td>
              <td className={`${td} font-mono text-xs whitespace-nowrap`}>
                {m.lastProcessedAt ? formatDateTime(m.lastProcessedAt) : "—"}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
