"use client";
import Link from "next/link";
import { ErrorState, Loading } from "@/components/ui/states";
import { useStateMachines } from "@/lib/queries/state-machines";
import { StateMachinesTable } from "@/components/workflows/state-machines-table";
import { DEFINITION_TEMPLATES } from "@/components/workflows/templates";

const CREATE =
  "inline-flex items-center rounded-md bg-orange-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-orange-500 " +
  "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-orange-500";

/** The State machines page: owns the list query; the table only renders. */
export function StateMachinesView() {
  const list = useStateMachines();
  const machines = list.data ?? [];
  return (
    <section className="space-y-4">
      <div className="flex flex-wrap items-center gap-4">
        <h1 className="text-2xl font-semibold">State machines</h1>
        <span className="text-sm text-slate-500 dark:text-slate-400">
          {list.data ? `${machines.length} total` : ""}
        </span>
        <Link href="/state-machines/new" className={`ml-auto ${CREATE}`}>
          Create state machine
        </Link>
      </div>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Workflows in the Amazon States Language that call your functions: run them from here, or with{" "}
        <code className="font-mono">aws stepfunctions</code> pointed at this server.
      </p>
      {list.isPending ? (
        <Loading label="Loading state machines…" />
      ) : list.isError ? (
        <ErrorState error={list.error} retry={() => void list.refetch()} />
      ) : machines.length === 0 ? (
        <EmptyState />
      ) : (
        <StateMachinesTable machines={machines} />
      )}
    </section>
  );
}

function EmptyState() {
  return (
    <div className="space-y-4 rounded-lg border border-dashed border-slate-300 p-10 text-center text-sm text-slate-600 dark:border-slate-700 dark:text-slate-300">
      <p className="text-base font-medium text-slate-800 dark:text-slate-100">No state machines yet</p>
      <p>
        A state machine strings functions together with choices, waits, retries and parallel branches, and shows each
        run as a graph.
      </p>
      <Link href="/state-machines/new" className={CREATE}>
        Create state machine
      </Link>
      <p className="text-slate-500 dark:text-slate-400">
        Or start from a template:{" "}
        {DEFINITION_TEMPLATES.map((t, i) => (
          <span key={t.id}>
            {i ? " · " : ""}
            <Link
              href={`/state-machines/new?template=${t.id}`}
              className="text-orange-700 hover:underline dark:text-orange-400"
            >
              {t.label}
            </Link>
          </span>
        ))}
      </p>
    </div>
  );
}
