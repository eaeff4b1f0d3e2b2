"use client";
import { Button } from "@/components/ui/button";
import { formatDateTime, formatRelative } from "@/lib/format";
import type { RolloutJson } from "@/lib/queries/aliases";

const STATE_STYLE: Record<string, string> = {
  running: "bg-sky-100 text-sky-800 dark:bg-sky-900/50 dark:text-sky-200",
  succeeded: "bg-emerald-100 text-emerald-800 dark:bg-emerald-900/50 dark:text-emerald-200",
  "rolled-back": "bg-red-100 text-red-800 dark:bg-red-900/50 dark:text-red-200",
  cancelled: "bg-slate-200 text-slate-700 dark:bg-slate-700 dark:text-slate-200",
};

export function RolloutState({ state }: { state: string }) {
  return (
    <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${STATE_STYLE[state] ?? STATE_STYLE.cancelled}`}>
      {state}
    </span>
  );
}

/** A rollout: its progress toward the new version, and each decision with the numbers it was based on. */
export function RolloutCard({ rollout: r, onCancel }: { rollout: RolloutJson; onCancel?: () => void }) {
  const pct = Math.round(r.weight * 100);
  return (
    <section
      className="space-y-2 rounded-md border border-slate-200 p-3 dark:border-slate-700"
      aria-label={`Rollout to version ${r.toVersion}`}
    >
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <RolloutState state={r.state} />
        <span className="font-medium">
          {r.strategy} · version {r.fromVersion} → {r.toVersion}
        </span>
        <span className="text-xs text-slate-500 dark:text-slate-400" title={formatDateTime(r.startedAt)}>
          started {formatRelative(r.startedAt)} by {r.startedBy.replace(/^console-user:/, "")}
        </span>
        {r.state === "running" && onCancel ? (
          <Button variant="ghost" className="ml-auto" onClick={onCancel}>
            Cancel rollout
          </Button>
        ) : null}
      </div>
      {r.state === "running" ? (
        <div>
          <div
            className="h-2 w-full overflow-hidden rounded bg-slate-200 dark:bg-slate-700"
            role="progressbar"
            aria-valuenow={pct}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-label={`Version ${r.toVersion} gets ${pct}% of traffic`}
          >
            <div className="h-full bg-orange-500" style={{ width: `${pct}%` }} />
          </div>
          <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">
            Version {r.toVersion} gets {pct}% · next step {formatRelative(r.nextStepAt)} · rolls back if its error rate
            exceeds version {r.fromVersion}&apos;s by {r.maxErrorRateIncrease} points
            {r.maxP99Ratio ? ` or its p99 is over ${r.maxP99Ratio}×` : ""}
          </p>
        </div>
      ) : r.reason ? (
        <p className="text-sm text-slate-700 dark:text-slate-200">{r.reason}</p>
      ) : null}
      <ol className="space-y-1 text-xs text-slate-600 dark:text-slate-300">
        {r.decisions.map((d) => (
          <li key={`${d.at}-${d.action}`} className="flex gap-2">
            <span className="shrink-0 tabular-nums text-slate-400" title={formatDateTime(d.at)}>
              {new Date(d.at).toLocaleTimeString()}
            </span>
            <span className="shrink-0 font-medium">{d.action}</span>
            <span className="shrink-0 tabular-nums">{Math.round(d.weight * 100)}%</span>
            <span className="min-w-0 break-words">{d.message}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
