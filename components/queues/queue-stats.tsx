import type { QueueSummaryJson } from "@/lib/queries/queues";
import { formatCount } from "@/lib/format";
import { formatOldestAge } from "@/components/queues/queue-format";

const tile = "rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-sm dark:border-slate-800 dark:bg-slate-900";

/** The queue's numbers as tiles (approximate, as SQS's are; refreshed every few seconds). */
export function QueueStats({ summary }: { summary: QueueSummaryJson | undefined }) {
  const stats: Array<[id: string, label: string, value: string]> = summary
    ? [
        ["visible", "Visible", formatCount(summary.visible)],
        ["in-flight", "In flight", formatCount(summary.inFlight)],
        ["delayed", "Delayed", formatCount(summary.delayed)],
        ["oldest", "Oldest message", formatOldestAge(summary)],
        ["sent", "Sent (1 h)", formatCount(summary.sentLastHour)],
        ["received", "Received (1 h)", formatCount(summary.receivedLastHour)],
      ]
    : [];
  return (
    <dl aria-label="Message counts" className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
      {stats.map(([id, label, value]) => (
        <div key={id} className={tile} data-testid={`stat-${id}`}>
          <dt className="text-xs text-slate-500 dark:text-slate-400">{label}</dt>
          <dd className="mt-0.5 text-xl font-semibold tabular-nums">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
