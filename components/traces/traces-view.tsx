"use client";
import { formatTime } from "@/components/logs/filters";
import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { ErrorState, Loading } from "@/components/ui/states";
import { useTraces } from "@/lib/queries/traces";
import {
  isFiltered,
  NO_FILTERS,
  readTraceFilters,
  writeTraceFilters,
  type TraceFilters,
} from "@/components/traces/trace-filters";
import { TraceFiltersBar } from "@/components/traces/trace-filters-bar";
import { TracesTable } from "@/components/traces/traces-table";

function Empty({ children }: { children: ReactNode }) {
  return (
    <div
      className={
        "rounded-lg border border-dashed border-slate-300 p-10 text-center text-sm text-slate-600 " +
        "dark:border-slate-700 dark:text-slate-300"
      }
    >
      {children}
    </div>
  );
}

/** The Traces page: owns the list query; the filters live in the URL. */
export function TracesView() {
  const sp = useSearchParams();
  const pathname = usePathname();
  // Local state answers at once; the URL follows, and wins when it changes from outside (back button).
  const [filters, setLocal] = useState<TraceFilters>(() => readTraceFilters(sp));
  const spString = sp.toString();
  useEffect(() => {
    const fromUrl = readTraceFilters(new URLSearchParams(spString));
    setLocal((cur) => (JSON.stringify(cur) === JSON.stringify(fromUrl) ? cur : fromUrl));
  }, [spString]);
  const setFilters = useCallback(
    (patch: Partial<TraceFilters>) => {
      const qs = writeTraceFilters(window.location.search, patch);
      setLocal(readTraceFilters(new URLSearchParams(qs)));
      window.history.replaceState(null, "", qs ? `${pathname}?${qs}` : pathname);
    },
    [pathname],
  );

  const list = useTraces(filters);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  // The same clock as the rows' times (components/logs/filters.ts), not the browser's 12/24-hour choice.
  const updated = list.dataUpdatedAt ? formatTime(new Date(list.dataUpdatedAt).toISOString()) : null;

  let body: ReactNode;
  if (list.isPending) body = <Loading label="Loading traces…" />;
  else if (list.isError && !list.data) body = <ErrorState error={list.error} retry={() => void list.refetch()} />;
  else if (items.length === 0 && isFiltered(filters))
    body = (
      <Empty>
        No traces match these filters.{" "}
        <button type="button" className="underline" onClick={() => setFilters(NO_FILTERS)}>
          Clear filters
        </button>
      </Empty>
    );
  else if (items.length === 0)
    body = (
      <Empty>
        <p className="font-medium">No traces yet.</p>
        <p className="mx-auto mt-2 max-w-xl">
          Every invocation of a function makes one — from its Test tab, the Lambda API, its URL, a schedule or a queue
          trigger — and so does every workflow run, with the functions its states call in the same trace. Invoke a{" "}
          <Link href="/" className="underline">
            function
          </Link>{" "}
          or start a{" "}
          <Link href="/state-machines" className="underline">
            state machine
          </Link>
          , then come back here.
        </p>
      </Empty>
    );
  else
    body = (
      <>
        <TracesTable traces={items} />
        <div className="flex items-center justify-center gap-3 py-2 text-xs text-slate-500 dark:text-slate-400">
          <span>
            {items.length} {items.length === 1 ? "trace" : "traces"} shown
          </span>
          {list.hasNextPage ? (
            <Button onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage}>
              {list.isFetchingNextPage ? "Loading…" : "Load more"}
            </Button>
          ) : (
            <span>· end of the list</span>
          )}
        </div>
      </>
    );

  return (
    <section className="space-y-4">
      <div className="flex flex-wrap items-baseline gap-4">
        <h1 className="text-2xl font-semibold">Traces</h1>
        <span className="text-sm text-slate-500 dark:text-slate-400">newest first</span>
      </div>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Where the time went in each invocation and workflow run: Nimbus's own steps (admission, queueing, cold start),
        the handler, and the spans your code adds with OpenTelemetry.
      </p>
      <TraceFiltersBar
        filters={filters}
        onChange={setFilters}
        onRefresh={() => void list.refetch()}
        refreshing={list.isFetching && !list.isFetchingNextPage}
        status={
          <span className="flex flex-wrap gap-x-3">
            {updated ? <span>Updated {updated}</span> : null}
            {list.isError && list.data ? (
              <span className="text-red-600 dark:text-red-400">
                Refresh failed: {list.error instanceof Error ? list.error.message : "error"}
              </span>
            ) : null}
          </span>
        }
      />
      <div
        aria-busy={list.isPlaceholderData || undefined}
        className={list.isPlaceholderData ? "opacity-60 transition-opacity" : ""}
      >
        {body}
      </div>
    </section>
  );
}
