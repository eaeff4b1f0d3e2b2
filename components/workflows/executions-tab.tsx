"use client";
import { Button } from "@/components/ui/button";
import { SegmentedSwitch } from "@/components/ui/segmented-switch";
import { ErrorState, Loading } from "@/components/ui/states";
import { useNow } from "@/components/ui/use-time";
import { EXECUTION_STATUSES, type ExecutionStatus, useExecutions } from "@/lib/queries/state-machines";
import { STATUS_LABEL } from "@/components/workflows/execution-format";
import { ExecutionsTable } from "@/components/workflows/executions-table";

const FILTERS: ReadonlyArray<{ value: ExecutionStatus | "ALL"; label: string }> = [
  { value: "ALL", label: "All" },
  ...EXECUTION_STATUSES.map((s) => ({ value: s, label: STATUS_LABEL[s] })),
];

/** Executions: the status filter is in the URL (?status=), pages load on demand; running ones refresh. */
export function ExecutionsTab({
  machine,
  status,
  onStatus,
  onStart,
}: {
  machine: string;
  status: ExecutionStatus | null;
  onStatus: (status: ExecutionStatus | null) => void;
  onStart: () => void;
}) {
  const list = useExecutions(machine, status);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const now = useNow(items.some((e) => e.status === "RUNNING") ? 1000 : 3_600_000);
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-3">
        <SegmentedSwitch
          legend="Show executions by status"
          options={FILTERS}
          value={status ?? "ALL"}
          onChange={(v) => onStatus(v === "ALL" ? null : v)}
        />
        {list.isFetching && !list.isPending ? (
          <span className="text-xs text-slate-500 dark:text-slate-400">Refreshing…</span>
        ) : null}
      </div>
      {list.isPending ? (
        <Loading label="Loading executions…" />
      ) : list.isError ? (
        <ErrorState error={list.error} retry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 p-8 text-center text-sm text-slate-600 dark:border-slate-700 dark:text-slate-300">
          {status ? (
            `No ${STATUS_LABEL[status].toLowerCase()} executions.`
          ) : (
            <div className="space-y-3">
              <p>This state machine has not run yet.</p>
              <Button variant="primary" onClick={onStart}>
                Start execution
              </Button>
            </div>
          )}
        </div>
      ) : (
        <>
          <ExecutionsTable machine={machine} executions={items} now={now} />
          {list.hasNextPage ? (
            <div className="flex justify-center">
              <Button onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage}>
                {list.isFetchingNextPage ? "Loading…" : "Load older executions"}
              </Button>
            </div>
          ) : null}
        </>
      )}
    </div>
  );
}
