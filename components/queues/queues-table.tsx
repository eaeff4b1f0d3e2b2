import Link from "next/link";
import type { QueueSummaryJson } from "@/lib/queries/queues";
import { formatCount } from "@/lib/format";
import { QueueBadges } from "@/components/queues/queue-badges";
import { formatOldestAge } from "@/components/queues/queue-format";

const th = "px-4 py-2 font-medium whitespace-nowrap";
const num = "px-4 py-2 text-right tabular-nums whitespace-nowrap";

/** Every queue with its counts, last hour's traffic and triggers; a name opens the queue. */
export function QueuesTable({ queues }: { queues: readonly QueueSummaryJson[] }) {
  return (
    <div
      className={
        "overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm " +
        "dark:border-slate-800 dark:bg-slate-900"
      }
    >
      <table className="w-full text-sm">
        <caption className="sr-only">Queues with their message counts, refreshed every few seconds</caption>
        <thead className="bg-slate-100 text-left text-slate-600 dark:bg-slate-800 dark:text-slate-300">
          <tr>
            <th scope="col" className={th}>
              Queue
            </th>
            <th scope="col" className={`${th} text-right`}>
              Visible
            </th>
            <th scope="col" className={`${th} text-right`}>
              In flight
            </th>
            <th scope="col" className={`${th} text-right`}>
              Delayed
            </th>
            <th scope="col" className={`${th} text-right`}>
              Oldest message
            </th>
            <th scope="col" className={`${th} text-right`}>
              Sent (1 h)
            </th>
            <th scope="col" className={`${th} text-right`}>
              Received (1 h)
            </th>
            <th scope="col" className={`${th} text-right`}>
              Triggers
            </th>
          </tr>
        </thead>
        <tbody>
          {queues.map((q) => (
            <tr
              key={q.id}
              data-testid="queue-row"
              className="border-t border-slate-100 hover:bg-slate-50 dark:border-slate-800 dark:hover:bg-slate-800/50"
            >
              <td className="px-4 py-2">
                <div className="flex flex-wrap items-center gap-2">
                  <Link
                    href={`/queues/${encodeURIComponent(q.name)}`}
                    className="font-medium text-orange-700 hover:underline dark:text-orange-400"
                  >
                    {q.name}
                  </Link>
                  <QueueBadges
                    fifo={q.fifo}
                    deadLetterFor={q.deadLetterFor}
                    deadLetterQueue={q.redrive?.deadLetterQueue}
                  />
                </div>
              </td>
              <td className={`${num} ${q.visible > 0 ? "font-medium" : ""}`}>{formatCount(q.visible)}</td>
              <td className={num}>{formatCount(q.inFlight)}</td>
              <td className={num}>{formatCount(q.delayed)}</td>
              <td className={num}>{formatOldestAge(q)}</td>
              <td className={num}>{formatCount(q.sentLastHour)}</td>
              <td className={num}>{formatCount(q.receivedLastHour)}</td>
              <td className={num}>{q.mappings}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
