"use client";
import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { ErrorState, Loading } from "@/components/ui/states";
import {
  invocationKeys,
  keepFirstPage,
  LIVE_TAIL_MS,
  useInvocationLog,
  useInvocations,
  useLogSearch,
} from "@/lib/queries/invocations";
import {
  DEFAULTS,
  groupMatches,
  matchesStatus,
  readLogsState,
  SINCE_OPTIONS,
  sinceMsOf,
  statusParam,
  writeLogsState,
  type LogsState,
} from "@/components/logs/filters";
import { InvocationLog } from "@/components/logs/invocation-log";
import { InvocationsTable } from "@/components/logs/invocations-table";
import { LogsToolbar } from "@/components/logs/logs-toolbar";
import { SearchResults } from "@/components/logs/search-results";

const FRESH_MS = 3_000;

function Empty({ children }: { children: ReactNode }) {
  return (
    <div
      className={
        "rounded-lg border border-dashed border-slate-300 p-8 text-center text-sm text-slate-500 " +
        "dark:border-slate-700 dark:text-slate-400"
      }
    >
      {children}
    </div>
  );
}

function MoreButton({
  has,
  loading,
  onMore,
  count,
  noun,
}: {
  has: boolean;
  loading: boolean;
  onMore: () => void;
  count: number;
  noun: string;
}) {
  return (
    <div className="flex items-center justify-center gap-3 py-2 text-xs text-slate-500 dark:text-slate-400">
      <span>
        {count} {noun} shown
      </span>
      {has ? (
        <Button onClick={onMore} disabled={loading}>
          {loading ? "Loading…" : "Load more"}
        </Button>
      ) : (
        <span>· end of the list</span>
      )}
    </div>
  );
}

/** The function page's Logs tab: the one container that owns the queries; state lives in the URL. */
export function LogsTab({ functionName }: { functionName: string }) {
  const sp = useSearchParams();
  const pathname = usePathname();
  const qc = useQueryClient();
  // Local state answers a click at once; the URL follows (History API, which Next mirrors into
  // useSearchParams without a server round trip) and wins when it changes from outside (back button).
  const [state, setLocal] = useState(() => readLogsState(sp));
  const spString = sp.toString();
  useEffect(() => {
    const fromUrl = readLogsState(new URLSearchParams(spString));
    setLocal((cur) => (JSON.stringify(cur) === JSON.stringify(fromUrl) ? cur : fromUrl));
  }, [spString]);
  // Built on window.location, which is current at once: two quick changes (a status pick, then the
  // search box's delayed submit) add up instead of the second undoing the first.
  const setState = useCallback(
    (patch: Partial<LogsState>) => {
      const qs = writeLogsState(window.location.search, patch);
      setLocal(readLogsState(new URLSearchParams(qs)));
      window.history.replaceState(null, "", `${pathname}?${qs}`);
    },
    [pathname],
  );

  const searching = state.q !== "";
  const sinceMs = sinceMsOf(state.since);
  const filters = useMemo(() => ({ status: statusParam(state.status), sinceMs }), [state.status, sinceMs]);
  const list = useInvocations(functionName, filters, { live: state.live && !searching, enabled: !searching });
  const search = useLogSearch(functionName, { q: state.q, sinceMs }, state.live && searching);
  const log = useInvocationLog(state.open);

  // Live tail polls the loaded pages; start it from the newest page alone.
  useEffect(() => {
    if (state.live) qc.setQueryData(invocationKeys.list(functionName, filters), keepFirstPage);
  }, [state.live, qc, functionName, filters]);

  const fresh = useFreshIds(
    list.isPlaceholderData ? undefined : list.data?.pages[0]?.items.map((i) => i.requestId),
    state.live,
    JSON.stringify(filters),
  );

  const renderLog = (requestId: string) => (
    <InvocationLog
      requestId={requestId}
      lines={log.data?.requestId === requestId ? log.data.lines : undefined}
      connections={log.data?.requestId === requestId ? log.data.connections : undefined}
      isLoading={log.isPending}
      error={log.error}
      retry={() => void log.refetch()}
      onClose={() => setState({ open: null })}
    />
  );
  const toggle = (requestId: string) => setState({ open: state.open === requestId ? null : requestId });
  const active = searching ? search : list;
  const updated = active.dataUpdatedAt ? new Date(active.dataUpdatedAt).toLocaleTimeString() : null;
  const rangeLabel = SINCE_OPTIONS.find((o) => o.value === state.since)!.label.toLowerCase();

  let body: ReactNode;
  let shownIds: string[] = [];
  let summary: ReactNode = null;
  if (searching) {
    const groups = groupMatches(search.data?.pages ?? []);
    const visible = groups.filter((g) => matchesStatus(g.invocation?.outcome, state.status));
    shownIds = visible.map((g) => g.requestId);
    const lineCount = groups.reduce((n, g) => n + g.lines.length, 0);
    summary = search.data
      ? `${lineCount}${search.hasNextPage ? "+" : ""} matching ${lineCount === 1 ? "line" : "lines"} ` +
        `in ${groups.length} ${groups.length === 1 ? "invocation" : "invocations"}` +
        (visible.length < groups.length ? ` (${groups.length - visible.length} hidden by the status filter)` : "")
      : null;
    if (search.isPending) body = <Loading label="Searching log lines…" />;
    else if (search.isError && !search.data)
      body = <ErrorState error={search.error} retry={() => void search.refetch()} />;
    else if (visible.length === 0)
      body = (
        <Empty>
          No log lines match “{state.q}”{state.since === "all" ? "" : ` in the ${rangeLabel}`}
          {groups.length > visible.length ? " with this status" : ""}.
        </Empty>
      );
    else
      body = (
        <>
          <SearchResults groups={visible} q={state.q} open={state.open} onToggle={toggle} renderLog={renderLog} />
          <MoreButton
            has={search.hasNextPage}
            loading={search.isFetchingNextPage}
            onMore={() => void search.fetchNextPage()}
            count={lineCount}
            noun={lineCount === 1 ? "line" : "lines"}
          />
        </>
      );
  } else {
    const items = list.data?.pages.flatMap((p) => p.items) ?? [];
    shownIds = items.map((i) => i.requestId);
    const filtered = state.status !== DEFAULTS.status || state.since !== DEFAULTS.since;
    if (list.isPending) body = <Loading label="Loading invocations…" />;
    else if (list.isError && !list.data) body = <ErrorState error={list.error} retry={() => void list.refetch()} />;
    else if (items.length === 0 && filtered)
      body = (
        <Empty>
          No invocations match these filters.{" "}
          <button type="button" className="underline" onClick={() => setState({ status: "all", since: "all" })}>
            Clear filters
          </button>
        </Empty>
      );
    else if (items.length === 0) {
      const test = new URLSearchParams(sp);
      test.set("tab", "test");
      body = (
        <Empty>
          No invocations yet — invoke the function from the{" "}
          <Link href={`${pathname}?${test}`} className="underline">
            Test tab
          </Link>{" "}
          or the API.{state.live ? " They will appear here as they happen." : ""}
        </Empty>
      );
    } else
      body = (
        <>
          <InvocationsTable items={items} open={state.open} fresh={fresh} onToggle={toggle} renderLog={renderLog} />
          <MoreButton
            has={list.hasNextPage}
            loading={list.isFetchingNextPage}
            onMore={() => void list.fetchNextPage()}
            count={items.length}
            noun={items.length === 1 ? "invocation" : "invocations"}
          />
        </>
      );
  }

  const status = (
    <span className="flex flex-wrap items-center gap-x-3">
      {state.live ? (
        <span className="inline-flex items-center gap-1.5 font-medium text-orange-700 dark:text-orange-400">
          <span aria-hidden className="h-2 w-2 animate-pulse rounded-full bg-orange-500" /> Live — checking every{" "}
          {LIVE_TAIL_MS / 1000} s
        </span>
      ) : null}
      {summary ? <span>{summary}</span> : null}
      {updated ? <span>Updated {updated}</span> : null}
      {active.isError && active.data ? (
        <span className="text-red-600 dark:text-red-400">
          Refresh failed: {active.error instanceof Error ? active.error.message : "error"}
        </span>
      ) : null}
    </span>
  );

  return (
    <div className="space-y-3">
      <LogsToolbar
        state={state}
        onChange={setState}
        status={status}
        onRefresh={() => void active.refetch()}
        refreshing={active.isFetching}
      />
      <p aria-live="polite" className="sr-only">
        {fresh.size ? `${fresh.size} new ${fresh.size === 1 ? "invocation" : "invocations"}` : ""}
      </p>
      {/* A link straight to an invocation that is not in the current list still shows its log. */}
      {state.open && !shownIds.includes(state.open) ? renderLog(state.open) : null}
      <div
        aria-busy={active.isPlaceholderData || undefined}
        className={active.isPlaceholderData ? "opacity-60 transition-opacity" : ""}
      >
        {body}
      </div>
    </div>
  );
}

/** Request ids that arrived at the top since the previous poll while live; cleared after a few seconds. */
function useFreshIds(ids: string[] | undefined, live: boolean, listKey: string): ReadonlySet<string> {
  const prev = useRef<{ key: string; ids: Set<string> } | null>(null);
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  const joined = ids?.join(",");
  useEffect(() => {
    if (joined === undefined) return;
    const now = joined ? joined.split(",") : [];
    const before = prev.current;
    prev.current = { key: listKey, ids: new Set(now) };
    // A new filter is a new list, not new arrivals.
    if (!live || !before || before.key !== listKey) return;
    const added = now.filter((id) => !before.ids.has(id));
    if (added.length > 0) setFresh(new Set(added));
  }, [joined, live, listKey]);
  useEffect(() => {
    if (fresh.size === 0) return;
    const t = setTimeout(() => setFresh(new Set()), FRESH_MS);
    return () => clearTimeout(t);
  }, [fresh]);
  return fresh;
}
