import { Badge, type BadgeTone } from "@/components/ui/badge";
import { formatDateTime } from "@/lib/format";
import type { StateRun, StateStatus } from "@/components/workflows/execution-state";
import { formatElapsed } from "@/components/workflows/execution-format";
import { JsonBlock } from "@/components/workflows/json-block";

const STATUS: Record<StateStatus, { label: string; tone: BadgeTone }> = {
  "not-started": { label: "Not started", tone: "neutral" },
  running: { label: "Running", tone: "info" },
  succeeded: { label: "Succeeded", tone: "success" },
  failed: { label: "Failed", tone: "error" },
  caught: { label: "Caught", tone: "warning" },
  aborted: { label: "Aborted", tone: "neutral" },
};

/** The selected state: its status, times, and input/output/error as JSON. */
export function StateDetailPanel({ name, run, now }: { name: string | null; run: StateRun | undefined; now: number }) {
  if (!name)
    return (
      <p className="text-sm text-slate-500 dark:text-slate-400">
        Select a state in the graph to see its input, output and error.
      </p>
    );
  const status = run?.status ?? "not-started";
  return (
    <section aria-label={`State ${name}`} data-testid="state-detail" className="space-y-3">
      <div className="flex flex-wrap items-center gap-2">
        <h3 className="min-w-0 truncate font-semibold" title={name}>
          {name}
        </h3>
        <Badge tone={STATUS[status].tone}>{STATUS[status].label}</Badge>
        {run ? <span className="text-xs text-slate-500 dark:text-slate-400">{run.type}</span> : null}
      </div>
      {run ? (
        <>
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-xs">
            <dt className="text-slate-500 dark:text-slate-400">Entered</dt>
            <dd className="tabular-nums">{run.enteredAt ? formatDateTime(run.enteredAt) : "—"}</dd>
            <dt className="text-slate-500 dark:text-slate-400">
              {run.exitedAt || !run.endedAt ? "Exited" : "Stopped"}
            </dt>
            <dd className="tabular-nums">{run.endedAt ? formatDateTime(run.endedAt) : "—"}</dd>
            {run.enteredAt ? (
              <>
                <dt className="text-slate-500 dark:text-slate-400">Duration</dt>
                <dd className="tabular-nums">{formatElapsed(run.enteredAt, run.endedAt, now)}</dd>
              </>
            ) : null}
            {run.attempts > 1 ? (
              <>
                <dt className="text-slate-500 dark:text-slate-400">Attempts</dt>
                <dd>{run.attempts}</dd>
              </>
            ) : null}
            {run.entries > 1 ? (
              <>
                <dt className="text-slate-500 dark:text-slate-400">Runs</dt>
                <dd>{run.entries} (the one shown is the newest, or the one that failed)</dd>
              </>
            ) : null}
          </dl>
          {run.error || run.cause ? (
            <JsonBlock label={`Error: ${run.error ?? "—"}`} text={run.cause} tone="error" testId="state-error" />
          ) : null}
          <JsonBlock label="Input" text={run.input} testId="state-input" />
          <JsonBlock label="Output" text={run.output} testId="state-output" />
        </>
      ) : (
        <p className="text-sm text-slate-500 dark:text-slate-400">This state has not run in this execution.</p>
      )}
    </section>
  );
}
