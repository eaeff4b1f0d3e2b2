/** Client side of traces: query keys, typed fetchers and hooks (React Query). */
import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { api, ApiError } from "@/lib/http/client";
import type { Json } from "@/lib/queries/json";
import type { SpanKind, Trace, TraceSpan, TraceSummary } from "@/lib/traces/types";

export type { SpanKind, Trace, TraceSpan };
export type TraceSummaryJson = Json<TraceSummary>;
export interface TracePage {
  items: TraceSummaryJson[];
  nextCursor: string | null;
}

/** The Traces page's filters (its URL form: components/traces/trace-filters.ts). */
export interface TraceFilters {
  functionName: string;
  /** Whole milliseconds; null when not filtering by duration. */
  minMs: number | null;
  errorsOnly: boolean;
}

const enc = encodeURIComponent;

/** The console API's query for one page of the list. */
export function traceListQuery(f: TraceFilters, cursor: string | null): string {
  const qs = new URLSearchParams();
  if (f.functionName.trim()) qs.set("function", f.functionName.trim());
  if (f.minMs !== null) qs.set("minMs", String(f.minMs));
  if (f.errorsOnly) qs.set("errors", "1");
  if (cursor) qs.set("cursor", cursor);
  return qs.toString();
}

export const traceKeys = {
  all: ["traces"] as const,
  list: (f: TraceFilters) => [...traceKeys.all, "list", f] as const,
  detail: (traceId: string) => [...traceKeys.all, "detail", traceId] as const,
};

export function fetchTraces(f: TraceFilters, cursor: string | null, signal?: AbortSignal): Promise<TracePage> {
  const qs = traceListQuery(f, cursor);
  return api<TracePage>(`/api/traces${qs ? `?${qs}` : ""}`, { signal });
}

/** Newest first, one page per "Load more"; a new filter keeps the old rows up until its first page arrives. */
export function useTraces(f: TraceFilters) {
  return useInfiniteQuery({
    queryKey: traceKeys.list(f),
    queryFn: ({ pageParam, signal }) => fetchTraces(f, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
}

/** A trace can still grow (a workflow running, spans flushed late): the page offers a refresh. */
export function useTrace(traceId: string) {
  return useQuery({
    queryKey: traceKeys.detail(traceId),
    queryFn: ({ signal }) => api<Trace>(`/api/traces/${enc(traceId)}`, { signal }),
    // An unknown id is answered 404 (or 400 when malformed); asking again will not change that.
    retry: (failures, err) => !(err instanceof ApiError && err.status < 500) && failures < 1,
    // Spans are written in batches a moment after their work ends: a trace that ended just now is
    // looked at again for a few seconds (longer-running work has the page's Refresh).
    refetchInterval: (query) => (endedRecently(query.state.data) ? 2000 : false),
  });
}

const RECENT_MS = 10_000;

function endedRecently(t: Trace | undefined): boolean {
  if (!t?.spans.length) return false;
  const end = Math.max(...t.spans.map((s) => s.startMs + s.durationMs));
  return Date.now() - end < RECENT_MS;
}
