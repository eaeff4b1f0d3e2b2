/** Client side of the Logs tab: query keys, typed fetchers and hooks (React Query). */
import { keepPreviousData, useInfiniteQuery, useQuery, type InfiniteData } from "@tanstack/react-query";
import { api, ApiError } from "@/lib/http/client";
import type { InvocationItem, InvocationStatus, LogSearchPage, Page } from "@/lib/logs/invocations";
import type { ConnectionItem } from "@/lib/logs/connections";

export type { InvocationItem, InvocationStatus, LogMatch, LogSearchPage } from "@/lib/logs/invocations";
export type { ConnectionItem } from "@/lib/logs/connections";
export type InvocationPage = Page<InvocationItem>;

export interface InvocationLog {
  requestId: string;
  lines: string[];
  /** Outbound connections, oldest first (the first 200; `total` counts all). */
  connections: { items: ConnectionItem[]; total: number };
}

/**
 * The window is kept as a length ("last 15 min"), not as instants: the key stays stable while
 * the fetcher works out `from` at fetch time, so a live tail's window moves with the clock.
 */
export interface InvocationFilters {
  status?: InvocationStatus;
  sinceMs?: number;
}

export interface LogSearchFilters {
  q: string;
  sinceMs?: number;
}

export const LIVE_TAIL_MS = 2_000;
const PAGE_SIZE = 50;
const enc = encodeURIComponent;

export const invocationKeys = {
  all: ["invocations"] as const,
  function: (name: string) => [...invocationKeys.all, "function", name] as const,
  list: (name: string, f: InvocationFilters) => [...invocationKeys.function(name), "list", f] as const,
  search: (name: string, f: LogSearchFilters) => [...invocationKeys.function(name), "search", f] as const,
  log: (requestId: string) => [...invocationKeys.all, "log", requestId] as const,
};

function query(params: Record<string, string | number | undefined>): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== "") qs.set(k, String(v));
  return qs.toString();
}

const fromOf = (sinceMs?: number) => (sinceMs === undefined ? undefined : Date.now() - sinceMs);

export function fetchInvocations(
  name: string,
  f: InvocationFilters,
  cursor: string | null,
  signal?: AbortSignal,
): Promise<InvocationPage> {
  const qs = query({ status: f.status, from: fromOf(f.sinceMs), cursor: cursor ?? undefined, limit: PAGE_SIZE });
  return api<InvocationPage>(`/api/functions/${enc(name)}/invocations?${qs}`, { signal });
}

export function fetchLogSearch(
  name: string,
  f: LogSearchFilters,
  before: string | null,
  signal?: AbortSignal,
): Promise<LogSearchPage> {
  const qs = query({ q: f.q, from: fromOf(f.sinceMs), before: before ?? undefined, limit: 100 });
  return api<LogSearchPage>(`/api/functions/${enc(name)}/logs?${qs}`, { signal });
}

export function fetchInvocationLog(requestId: string, signal?: AbortSignal): Promise<InvocationLog> {
  return api<InvocationLog>(`/api/invocations/${enc(requestId)}/log`, { signal });
}

/**
 * Newest first, one page per "Load more". With `live`, the loaded pages are refetched every 2 s
 * (React Query refetches an infinite query page by page from the first, recomputing each cursor),
 * so new invocations appear at the top; the container trims to one page when live tail starts.
 */
export function useInvocations(
  name: string,
  f: InvocationFilters,
  { live, enabled = true }: { live: boolean; enabled?: boolean },
) {
  return useInfiniteQuery({
    queryKey: invocationKeys.list(name, f),
    queryFn: ({ pageParam, signal }) => fetchInvocations(name, f, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled,
    refetchInterval: live ? LIVE_TAIL_MS : false,
    // A background tab need not poll; the tail resumes on return.
    refetchIntervalInBackground: false,
    placeholderData: keepPreviousData,
  });
}

export function useLogSearch(name: string, f: LogSearchFilters, live: boolean) {
  return useInfiniteQuery({
    queryKey: invocationKeys.search(name, f),
    queryFn: ({ pageParam, signal }) => fetchLogSearch(name, f, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled: f.q !== "",
    refetchInterval: live ? LIVE_TAIL_MS : false,
    refetchIntervalInBackground: false,
    placeholderData: keepPreviousData,
  });
}

/** Keeps only the newest page, so a live tail polls one request rather than every page loaded. */
export function keepFirstPage<T>(
  data: InfiniteData<T, string | null> | undefined,
): InfiniteData<T, string | null> | undefined {
  return data && data.pages.length > 1
    ? { pages: data.pages.slice(0, 1), pageParams: data.pageParams.slice(0, 1) }
    : data;
}

/** A finished invocation's log does not change (a retry adds an attempt, found on reopen). */
export function useInvocationLog(requestId: string | null) {
  return useQuery({
    queryKey: invocationKeys.log(requestId ?? ""),
    queryFn: ({ signal }) => fetchInvocationLog(requestId!, signal),
    enabled: requestId !== null,
    staleTime: 60_000,
    // A request id without a record is answered 404. A link can come before the record does (a
    // schedule's fire, an async event, still queued or running): ask again for about 10 s.
    retry: (failures, err) => failures < (notFound(err) ? 5 : 1),
    retryDelay: (failures, err) => (notFound(err) ? 2000 : Math.min(1000 * 2 ** failures, 30_000)),
  });
}

const notFound = (err: unknown) => err instanceof ApiError && err.status === 404;
