import Link from "next/link";
import { Button } from "@/components/ui/button";
import { formatDateTime } from "@/lib/format";
import type { ExecutionJson } from "@/lib/queries/state-machines";
import { canRedrive, formatElapsed } from "@/components/workflows/execution-format";
import { ExecutionStatusBadge, MachineTypeBadge } from "@/components/workflows/workflow-badges";

const enc = encodeURIComponent;

/** The execution's name, status and times, its trace, Stop while it runs and Redrive once it failed. */
export function ExecutionHeader({
  execution: e,
  now,
  stopping,
  redriving,
  onStop,
  onRedrive,
}: {
  execution: ExecutionJson;
  now: number;
  stopping: boolean;
  redriving: boolean;
  onStop: () => void;
  onRedrive: () => void;
}) {
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 truncate text-sm text-slate-500">
        <Link href="/state-machines" className="hover:underline">
          State machines
        </Link>{" "}
        /{" "}
        <Link href={`/state-machines/${enc(e.stateMachineName)}`} className="hover:underline">
          {e.stateMachineName}
        </Link>{" "}
        / {e.name}
      </nav>
      <header className="mb-4 flex flex-wrap items-start gap-4">
        <div className="min-w-0 space-y-1">
          <div className="flex flex-wrap items-center gap-3">
            <h1 className="truncate font-mono text-xl font-semibold">{e.name}</h1>
            <ExecutionStatusBadge status={e.status} />
            <MachineTypeBadge type={e.type} />
          </div>
          <dl className="flex flex-wrap gap-x-5 gap-y-1 text-sm text-slate-600 dark:text-slate-300">
            <div className="flex gap-1.5">
              <dt className="text-slate-500 dark:text-slate-400">Started</dt>
              <dd className="tabular-nums">{formatDateTime(e.startedAt)}</dd>
            </div>
            <div className="flex gap-1.5">
              <dt className="text-slate-500 dark:text-slate-400">Stopped</dt>
              <dd className="tabular-nums">{e.stoppedAt ? formatDateTime(e.stoppedAt) : "—"}</dd>
            </div>
            <div className="flex gap-1.5">
              <dt className="text-slate-500 dark:text-slate-400">Duration</dt>
              <dd className="tabular-nums" data-testid="execution-duration">
                {formatElapsed(e.startedAt, e.stoppedAt, now)}
              </dd>
            </div>
            {e.redriveCount ? (
              <div className="flex gap-1.5">
                <dt className="text-slate-500 dark:text-slate-400">Redriven</dt>
                <dd>
                  {e.redriveCount}× {e.redrivenAt ? `(last ${formatDateTime(e.redrivenAt)})` : ""}
                </dd>
              </div>
            ) : null}
          </dl>
          <p className="truncate font-mono text-xs text-slate-500 dark:text-slate-400" title={e.arn}>
            {e.arn}
          </p>
        </div>
        <div className="ml-auto flex items-center gap-2">
          <Link
            href={`/traces/${enc(e.traceId)}`}
            className="px-3 py-2 text-sm font-medium text-orange-700 hover:underline dark:text-orange-400"
          >
            View trace <span aria-hidden>→</span>
          </Link>
          {e.status === "RUNNING" && e.type === "STANDARD" ? (
            <Button variant="danger" onClick={onStop} disabled={stopping}>
              {stopping ? "Stopping…" : "Stop execution"}
            </Button>
          ) : null}
          {canRedrive(e) ? (
            <Button variant="primary" onClick={onRedrive} disabled={redriving}>
              {redriving ? "Redriving…" : "Redrive from failed state"}
            </Button>
          ) : null}
        </div>
      </header>
    </>
  );
}
