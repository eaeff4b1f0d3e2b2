"use client";
import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { ErrorState, Loading } from "@/components/ui/states";
import { CopyButton } from "@/components/logs/copy-button";
import { InvocationLog } from "@/components/logs/invocation-log";
import { ApiError } from "@/lib/http/client";
import { useInvocationLog } from "@/lib/queries/invocations";
import { useTrace } from "@/lib/queries/traces";
import { layoutWaterfall } from "@/components/traces/waterfall-layout";
import { Waterfall } from "@/components/traces/waterfall";
import { SpanDetails } from "@/components/traces/span-details";
import { TraceHeader } from "@/components/traces/trace-header";

const SPAN_ID = /^[\w-]{1,64}$/;

/** The trace page: owns the trace query, the selected span (in the URL), the collapsed rows and the log. */
export function TraceView({ traceId }: { traceId: string }) {
  const trace = useTrace(traceId);
  const sp = useSearchParams();
  const pathname = usePathname();
  const fromUrl = sp.get("span");
  const [selected, setSelectedLocal] = useState<string | null>(fromUrl && SPAN_ID.test(fromUrl) ? fromUrl : null);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [logsOpen, setLogsOpen] = useState(false);

  // The URL follows (a link to the page opens the same span), without a server round trip.
  const select = useCallback(
    (spanId: string | null) => {
      setSelectedLocal(spanId);
      const qs = new URLSearchParams(window.location.search);
      if (spanId) qs.set("span", spanId);
      else qs.delete("span");
      const q = qs.toString();
      window.history.replaceState(null, "", q ? `${pathname}?${q}` : pathname);
    },
    [pathname],
  );
  const toggle = useCallback((spanId: string) => {
    setCollapsed((cur) => {
      const next = new Set(cur);
      if (!next.delete(spanId)) next.add(spanId);
      return next;
    });
  }, []);

  const spans = trace.data?.spans;
  const layout = useMemo(() => layoutWaterfall(spans ?? [], collapsed), [spans, collapsed]);
  const span = spans?.find((s) => s.spanId === selected) ?? null;
  const requestId = logsOpen ? (span?.requestId ?? null) : null;
  const log = useInvocationLog(requestId);
  // The button says so for a refresh asked for, not for the background ones of a trace just ended.
  const [refreshing, setRefreshing] = useState(false);
  const refresh = () => {
    setRefreshing(true);
    void trace.refetch().finally(() => setRefreshing(false));
  };

  useEffect(() => {
    if (requestId) document.getElementById("span-log")?.scrollIntoView({ behavior: "smooth", block: "nearest" });
  }, [requestId]);

  if (trace.isPending) return <Loading label="Loading trace…" />;
  if (trace.isError) {
    const missing = trace.error instanceof ApiError && (trace.error.status === 404 || trace.error.status === 400);
    return (
      <section className="space-y-4">
        <Breadcrumb traceId={traceId} />
        {missing ? (
          <div
            className={
              "rounded-lg border border-dashed border-slate-300 p-10 text-center text-sm text-slate-600 " +
              "dark:border-slate-700 dark:text-slate-300"
            }
          >
            <p className="font-medium">No trace with id {traceId}.</p>
            <p className="mt-1">
              Its spans may not be recorded yet (they are written a moment after the work ends), or they have been
              removed.{" "}
              <Link href="/traces" className="underline">
                See recent traces
              </Link>
              .
            </p>
          </div>
        ) : (
          <ErrorState error={trace.error} retry={() => void trace.refetch()} />
        )}
      </section>
    );
  }

  return (
    <section className="space-y-4">
      <Breadcrumb traceId={traceId} />
      <TraceHeader spans={trace.data.spans} layout={layout}>
        <CopyButton text={traceId} label="Copy trace ID" />
        <Button onClick={refresh} disabled={refreshing}>
          {refreshing ? "Refreshing…" : "Refresh"}
        </Button>
      </TraceHeader>
      <div className={`grid items-start gap-4 ${span ? "lg:grid-cols-[minmax(0,1fr)_20rem]" : ""}`}>
        <div
          className={
            "overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm " +
            "dark:border-slate-800 dark:bg-slate-900"
          }
        >
          <Waterfall
            layout={layout}
            selected={selected}
            collapsed={collapsed}
            onSelect={(id) => select(id === selected ? null : id)}
            onToggle={toggle}
          />
        </div>
        {span ? (
          <div className="lg:sticky lg:top-4">
            <SpanDetails
              span={span}
              traceStartMs={layout.startMs}
              logsOpen={logsOpen && !!span.requestId}
              onToggleLogs={() => setLogsOpen((o) => !o)}
              onClose={() => select(null)}
            />
          </div>
        ) : (
          <p className="text-xs text-slate-500 dark:text-slate-400">
            Select a span to see its attributes, its times and its logs.
          </p>
        )}
      </div>
      {requestId ? (
        <div id="span-log" className="space-y-2">
          <h2 className="text-sm font-semibold">
            Log of {span?.functionName ?? "the invocation"} · request {requestId.slice(0, 8)}
          </h2>
          <InvocationLog
            requestId={requestId}
            lines={log.data?.requestId === requestId ? log.data.lines : undefined}
            connections={log.data?.requestId === requestId ? log.data.connections : undefined}
            isLoading={log.isPending}
            error={log.error}
            retry={() => void log.refetch()}
            onClose={() => setLogsOpen(false)}
          />
        </div>
      ) : null}
    </section>
  );
}

function Breadcrumb({ traceId }: { traceId: string }) {
  return (
    <nav aria-label="Breadcrumb" className="text-sm text-slate-500 dark:text-slate-400">
      <Link href="/traces" className="hover:underline">
        Traces
      </Link>{" "}
      / <span className="font-mono">{traceId}</span>
    </nav>
  );
}
