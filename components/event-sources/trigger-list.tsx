import Link from "next/link";
import { Button } from "@/components/ui/button";
import { EnabledSwitch } from "@/components/schedules/enabled-switch";
import { formatDateTime } from "@/lib/format";
import type { MappingJson } from "@/lib/queries/event-sources";
import { MappingState, ProcessingResult } from "@/components/event-sources/mapping-badges";

const dt = "text-xs text-slate-500 dark:text-slate-400";

/** A function's triggers, one block each: what it reads and how, its state, and the last batch's result. */
export function TriggerList({
  mappings,
  busyId,
  onToggle,
  onDelete,
}: {
  mappings: readonly MappingJson[];
  busyId: string | null;
  onToggle: (m: MappingJson) => void;
  onDelete: (m: MappingJson) => void;
}) {
  return (
    <ul className="divide-y divide-slate-100 dark:divide-slate-800" aria-label="Triggers">
      {mappings.map((m) => (
        <li key={m.id} data-testid="trigger" className="py-3 first:pt-0 last:pb-0">
          <div className="flex flex-wrap items-center gap-3">
            <span className="text-xs font-semibold tracking-wide text-slate-500 uppercase">SQS</span>
            <Link
              href={`/queues/${encodeURIComponent(m.queueName)}`}
              className="font-medium text-orange-700 hover:underline dark:text-orange-400"
            >
              {m.queueName}
            </Link>
            <MappingState state={m.state} />
            <span className="ml-auto flex items-center gap-3">
              <EnabledSwitch
                checked={m.enabled}
                label={`Enable trigger from ${m.queueName}`}
                disabled={busyId === m.id}
                onChange={() => onToggle(m)}
              />
              <Button variant="ghost" onClick={() => onDelete(m)} aria-label={`Delete trigger from ${m.queueName}`}>
                Delete
              </Button>
            </span>
          </div>
          <dl className="mt-2 grid grid-cols-2 gap-x-6 gap-y-2 text-sm sm:grid-cols-3 lg:grid-cols-6">
            <div>
              <dt className={dt}>Batch size</dt>
              <dd className="tabular-nums">{m.batchSize}</dd>
            </div>
            <div>
              <dt className={dt}>Batching window</dt>
              <dd className="tabular-nums">{m.maxBatchingWindowSec} s</dd>
            </div>
            <div>
              <dt className={dt}>Report batch item failures</dt>
              <dd>{m.reportBatchItemFailures ? "Yes" : "No"}</dd>
            </div>
            <div>
              <dt className={dt}>Maximum concurrency</dt>
              <dd className="tabular-nums">{m.maxConcurrency ?? "10 (default)"}</dd>
            </div>
            <div className="col-span-2 min-w-0">
              <dt className={dt}>Last processing result</dt>
              <dd className="flex flex-wrap items-center gap-2">
                <ProcessingResult mapping={m} />
                {m.lastProcessedAt ? (
                  <time dateTime={m.lastProcessedAt} className="font-mono text-xs text-slate-500 dark:text-slate-400">
                    {formatDateTime(m.lastProcessedAt)}
                  </time>
                ) : null}
              </dd>
            </div>
            {m.filterCriteria?.Filters.length ? (
              <div className="col-span-full min-w-0">
                <dt className={dt}>Filter</dt>
                <dd
                  className="truncate font-mono text-xs"
                  title={m.filterCriteria.Filters.map((f) => f.Pattern).join("\n")}
                >
                  {m.filterCriteria.Filters.map((f) => f.Pattern).join(" · ")}
                </dd>
              </div>
            ) : null}
            {m.lastError ? (
              <div className="col-span-full min-w-0">
                <dt className={dt}>Last error{m.lastProcessedAt ? ` · ${formatDateTime(m.lastProcessedAt)}` : ""}</dt>
                <dd className="font-mono text-xs break-words text-red-700 dark:text-red-400">{m.lastError}</dd>
              </div>
            ) : null}
          </dl>
        </li>
      ))}
    </ul>
  );
}
