"use client";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { Button } from "@/components/ui/button";
import { ErrorState, Loading } from "@/components/ui/states";
import { isMetricsRange, RANGE_SPECS, type MetricsRange } from "@/lib/metrics/range";
import { metricsRefetchMs, useFunctionMetrics } from "@/lib/queries/metrics";
import { CostPanel } from "@/components/metrics/cost-panel";
import { MonitorCharts } from "@/components/metrics/monitor-charts";
import { VersionCharts } from "@/components/metrics/version-charts";
import { RangeSwitch } from "@/components/metrics/range-switch";
import { useStoredPrices } from "@/components/metrics/use-stored-prices";

/** The function page's Monitor tab: the range lives in the URL (`?range=`), beside the page's own params. */
export function MonitorTab({ functionName }: { functionName: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const raw = searchParams.get("range");
  const range: MetricsRange = isMetricsRange(raw) ? raw : "1h";
  const query = useFunctionMetrics(functionName, range);
  const pricing = useStoredPrices();

  const setRange = (next: MetricsRange) => {
    const params = new URLSearchParams(searchParams.toString());
    params.set("range", next);
    // replace: flipping ranges should not fill the back button with history entries.
    router.replace(`${pathname}?${params.toString()}`, { scroll: false });
  };

  const { data } = query;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <RangeSwitch value={range} onChange={setRange} />
        <p className="text-xs text-slate-500 dark:text-slate-400">
          {query.isPlaceholderData
            ? `Loading ${RANGE_SPECS[range].label}…`
            : (data ? `Updated ${new Date(query.dataUpdatedAt).toLocaleTimeString()} · ` : "") +
              `refreshes every ${metricsRefetchMs(range) / 1000} s`}
        </p>
        {/* The label stays put: a 10 s poll flipping it to "Refreshing…" would flicker. */}
        <Button variant="ghost" className="ml-auto" onClick={() => void query.refetch()} disabled={query.isFetching}>
          Refresh
        </Button>
      </div>
      {/* A failed background refresh keeps the last charts and says so, rather than blanking them. */}
      {query.isError ? <ErrorState error={query.error} retry={() => void query.refetch()} /> : null}
      {data ? (
        <>
          {data.byVersion ? <VersionCharts split={data.byVersion} range={data.range} stepMs={data.stepMs} /> : null}
          <MonitorCharts metrics={data} />
          <CostPanel
            totals={data.totals}
            phrase={RANGE_SPECS[data.range].phrase}
            measuredMs={data.generatedAt - data.fromMs}
            pricing={pricing}
          />
        </>
      ) : query.isPending ? (
        <Loading label="Loading metrics…" />
      ) : null}
    </div>
  );
}
