/** Client side of the Monitor tab: query keys, the typed fetcher and the polling hook. */
import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/http/client";
import type { FunctionMetrics } from "@/lib/metrics/series";
import type { MetricsRange } from "@/lib/metrics/range";

export type { FunctionMetrics, MetricsBucket, MetricsTotals } from "@/lib/metrics/series";

export const metricsKeys = {
  all: ["metrics"] as const,
  function: (name: string) => [...metricsKeys.all, name] as const,
  range: (name: string, range: MetricsRange) => [...metricsKeys.function(name), range] as const,
};

export function fetchFunctionMetrics(
  name: string,
  range: MetricsRange,
  signal?: AbortSignal,
): Promise<FunctionMetrics> {
  return api<FunctionMetrics>(`/api/functions/${encodeURIComponent(name)}/metrics?range=${range}`, { signal });
}

/** Matches the bucket size: a 1-minute chart is worth refreshing often, a 2-hour one is not. */
export function metricsRefetchMs(range: MetricsRange): number {
  return range === "1h" ? 10_000 : 60_000;
}

export function useFunctionMetrics(name: string, range: MetricsRange) {
  return useQuery({
    queryKey: metricsKeys.range(name, range),
    queryFn: ({ signal }) => fetchFunctionMetrics(name, range, signal),
    refetchInterval: metricsRefetchMs(range),
    // Switching range keeps the previous charts up (each labelled with its own range) until the
    // new ones arrive, instead of collapsing the page to a spinner; never across functions.
    placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[1] === name ? previous : undefined),
  });
}
