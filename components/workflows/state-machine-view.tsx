"use client";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ErrorState, Loading } from "@/components/ui/states";
import { Tabs } from "@/components/ui/tabs";
import { useToast } from "@/components/ui/toast";
import { ApiError } from "@/lib/http/client";
import { formatDateTime } from "@/lib/format";
import {
  EXECUTION_STATUSES,
  type ExecutionStatus,
  useDeleteStateMachine,
  useStartExecution,
  useStateMachine,
} from "@/lib/queries/state-machines";
import { DefinitionTab } from "@/components/workflows/definition-tab";
import { STATUS_LABEL } from "@/components/workflows/execution-format";
import { ExecutionsTab } from "@/components/workflows/executions-tab";
import { SchedulesTab } from "@/components/schedules/schedules-tab";
import { TriggersTab } from "@/components/event-sources/triggers-tab";
import { StartExecutionDialog } from "@/components/workflows/start-execution-dialog";
import { MachineTypeBadge } from "@/components/workflows/workflow-badges";

const TABS = [
  { id: "executions", label: "Executions" },
  { id: "definition", label: "Definition" },
  { id: "schedules", label: "Schedules" },
  { id: "triggers", label: "Triggers" },
];
const enc = encodeURIComponent;

/** A state machine's page: header, Start execution, and tabs (the tab and the status filter are in the URL). */
export function StateMachineView({ name }: { name: string }) {
  const machine = useStateMachine(name);
  const start = useStartExecution(name);
  const remove = useDeleteStateMachine();
  const params = useSearchParams();
  const pathname = usePathname();
  const router = useRouter();
  const toast = useToast();
  const [starting, setStarting] = useState(false);
  const tab = TABS.some((t) => t.id === params.get("tab")) ? params.get("tab")! : "executions";
  const raw = params.get("status");
  const status = EXECUTION_STATUSES.find((s) => s === raw) ?? null;
  const setParam = (key: string, value: string | null) => {
    const p = new URLSearchParams(window.location.search);
    if (value) p.set(key, value);
    else p.delete(key);
    window.history.replaceState(null, "", `${pathname}?${p}`);
  };

  if (machine.isPending) return <Loading label="Loading state machine…" />;
  if (machine.isError)
    return (
      <div className="space-y-3">
        <ErrorState error={machine.error} />
        <Link href="/state-machines" className="text-sm underline">
          Back to state machines
        </Link>
      </div>
    );
  const m = machine.data;

  const onStart = async (body: { input: string; name?: string }) => {
    const r = await start.mutateAsync(body).catch((err: unknown) => {
      throw new Error(err instanceof ApiError ? err.message : "Could not start the execution.");
    });
    setStarting(false);
    toast(
      r.status && r.status !== "SUCCEEDED" ? "error" : "success",
      r.status ? `Execution ${STATUS_LABEL[r.status].toLowerCase()}` : "Execution started",
    );
    router.push(`/state-machines/${enc(name)}/executions/${enc(r.name)}`);
  };
  const onDelete = () => {
    if (!confirm(`Delete state machine ${name}? Its executions and their history are deleted; running ones stop.`))
      return;
    remove.mutate(name, {
      onSuccess: () => {
        toast("success", `Deleted state machine ${name}`);
        router.push("/state-machines");
      },
      onError: (err) => toast("error", err instanceof ApiError ? err.message : "Could not delete the state machine"),
    });
  };

  return (
    <div>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-500">
        <Link href="/state-machines" className="hover:underline">
          State machines
        </Link>{" "}
        / {name}
      </nav>
      <header className="mb-4 flex flex-wrap items-start gap-4">
        <div className="min-w-0 space-y-1">
          <div className="flex items-center gap-3">
            <h1 className="text-2xl font-semibold">{name}</h1>
            <MachineTypeBadge type={m.type} />
          </div>
          <p className="text-sm text-slate-500 dark:text-slate-400">
            {m.description || "No description"} &middot; created {formatDateTime(m.createdAt)} &middot; last modified{" "}
            {formatDateTime(m.updatedAt)}
          </p>
          <p className="truncate font-mono text-xs text-slate-500 dark:text-slate-400" title={m.arn}>
            {m.arn}
          </p>
        </div>
        <div className="ml-auto flex items-center gap-2">
          <Button variant="primary" onClick={() => setStarting(true)}>
            Start execution
          </Button>
          <Button variant="ghost" onClick={onDelete} disabled={remove.isPending}>
            Delete
          </Button>
        </div>
      </header>
      <Tabs tabs={TABS} active={tab} onChange={(id) => setParam("tab", id)} label="State machine">
        {tab === "executions" ? (
          <ExecutionsTab
            machine={name}
            status={status}
            onStatus={(s: ExecutionStatus | null) => setParam("status", s)}
            onStart={() => setStarting(true)}
          />
        ) : tab === "schedules" ? (
          <SchedulesTab owner={{ kind: "stateMachine", name }} />
        ) : tab === "triggers" ? (
          <TriggersTab owner={{ kind: "stateMachine", name, arn: m.arn, express: m.type === "EXPRESS" }} />
        ) : (
          <DefinitionTab machine={m} onReload={() => machine.refetch()} />
        )}
      </Tabs>
      <StartExecutionDialog
        open={starting}
        machine={name}
        type={m.type}
        starting={start.isPending}
        onStart={onStart}
        onClose={() => setStarting(false)}
      />
    </div>
  );
}
