"use client";
import Link from "next/link";
import { useCallback, useMemo, useState } from "react";
import { Card, ErrorState, Loading } from "@/components/ui/states";
import { useToast } from "@/components/ui/toast";
import { useNow } from "@/components/ui/use-time";
import { ApiError } from "@/lib/http/client";
import { useExecution, useRedriveExecution, useStopExecution } from "@/lib/queries/state-machines";
import { parseDefinition } from "@/components/workflows/definition-markers";
import { ExecutionHeader } from "@/components/workflows/execution-header";
import { analyzeHistory } from "@/components/workflows/execution-state";
import { HistoryTable } from "@/components/workflows/history-table";
import { JsonBlock } from "@/components/workflows/json-block";
import { StateDetailPanel } from "@/components/workflows/state-detail-panel";
import { StateGraph } from "@/components/workflows/state-graph";
import { StatusLegend } from "@/components/workflows/status-legend";

/**
 * An execution's page: the one container that owns its query (refetched every second while it
 * runs) and its Stop/Redrive mutations; the graph's colours come from the history events.
 */
export function ExecutionView({ machine, name }: { machine: string; name: string }) {
  const query = useExecution(machine, name);
  const stop = useStopExecution(machine, name);
  const redrive = useRedriveExecution(machine, name);
  const toast = useToast();
  const data = query.data;
  // The clock only matters while the execution runs (its duration so far).
  const now = useNow(data?.execution.status === "RUNNING" ? 1000 : 3_600_000);
  const [selected, setSelected] = useState<string | null>(null);
  const onSelect = useCallback((s: string) => setSelected((cur) => (cur === s ? null : s)), []);
  const definition = useMemo(() => (data ? parseDefinition(data.execution.definition) : null), [data]);
  const analysis = useMemo(() => (data ? analyzeHistory(data.events, data.execution.status) : null), [data]);

  if (query.isPending) return <Loading label="Loading execution…" />;
  if (query.isError || !data || !analysis)
    return (
      <div className="space-y-3">
        <ErrorState error={query.error} retry={() => void query.refetch()} />
        <Link href={`/state-machines/${encodeURIComponent(machine)}`} className="text-sm underline">
          Back to {machine}
        </Link>
      </div>
    );
  const e = data.execution;
  const act = (what: "stop" | "redrive") => {
    const m = what === "stop" ? stop : redrive;
    if (what === "stop" && !confirm(`Stop execution ${e.name}? It is aborted where it is.`)) return;
    m.mutate(undefined, {
      onSuccess: () => {
        toast("success", what === "stop" ? "Execution stopped" : "Execution redriven: it runs on from where it failed");
        void query.refetch();
      },
      onError: (err) => toast("error", err instanceof ApiError ? err.message : `Could not ${what} the execution`),
    });
  };

  return (
    <div className="space-y-4">
      <div>
        <ExecutionHeader
          execution={e}
          now={now}
          stopping={stop.isPending}
          redriving={redrive.isPending}
          onStop={() => act("stop")}
          onRedrive={() => act("redrive")}
        />
      </div>
      <div className="grid items-start gap-4 lg:grid-cols-3">
        <Card
          title="Graph"
          actions={e.status === "RUNNING" ? <span className="text-xs text-sky-700 dark:text-sky-400">Live</span> : null}
          className="min-w-0 lg:col-span-2"
        >
          <div className="space-y-3">
            <StateGraph
              definition={definition}
              runs={analysis.states}
              selected={selected}
              onSelect={onSelect}
              label={`Graph of execution ${e.name}`}
            />
            <StatusLegend />
          </div>
        </Card>
        <Card title="State" className="min-w-0">
          <StateDetailPanel name={selected} run={selected ? analysis.states[selected] : undefined} now={now} />
        </Card>
      </div>
      <Card title="Execution input and result">
        <div className="grid gap-4 md:grid-cols-2">
          <JsonBlock label="Input" text={e.input} testId="execution-input" />
          {e.status === "SUCCEEDED" ? (
            <JsonBlock label="Output" text={e.output} testId="execution-output" />
          ) : e.error || e.cause ? (
            <JsonBlock label={`Error: ${e.error ?? "—"}`} text={e.cause} tone="error" testId="execution-error" />
          ) : (
            <JsonBlock label="Output" text={e.status === "RUNNING" ? "" : e.output} testId="execution-output" />
          )}
        </div>
      </Card>
      <Card
        title={`Event history · ${data.events.length}${data.truncated ? "+ (the first shown)" : ""} events`}
        className="min-w-0"
      >
        <HistoryTable events={data.events} stateOfEvent={analysis.stateOfEvent} startedAt={e.startedAt} />
      </Card>
    </div>
  );
}
