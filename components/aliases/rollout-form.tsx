"use client";
import { useId, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { Field } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { ApiError } from "@/lib/http/client";
import { useStartRollout, type AliasJson } from "@/lib/queries/aliases";
import { VersionSelect, type VersionOption } from "@/components/aliases/version-select";

/**
 * Starts a rollout of the alias to a newer version: canary (a share for one interval, then all)
 * or linear (a share more every interval), rolled back by itself on the thresholds given.
 */
export function RolloutForm({
  functionName,
  alias,
  versions,
  onDone,
}: {
  functionName: string;
  alias: AliasJson;
  versions: VersionOption[];
  onDone: () => void;
}) {
  const candidates = versions.filter((v) => v.version !== "$LATEST" && v.version !== alias.functionVersion);
  // The newest version other than the alias's own (the list comes newest first).
  const [toVersion, setToVersion] = useState(candidates[0]?.version ?? "");
  const [strategy, setStrategy] = useState<"canary" | "linear">("canary");
  const [step, setStep] = useState("10");
  const [interval, setInterval] = useState("300");
  const [errorRate, setErrorRate] = useState("5");
  const [p99Ratio, setP99Ratio] = useState("2");
  const [minInvocations, setMinInvocations] = useState("20");
  const [error, setError] = useState<string | null>(null);
  const start = useStartRollout(functionName);
  const toast = useToast();
  const strategyId = useId();

  if (candidates.length === 0)
    return (
      <p className="rounded-md bg-slate-50 p-3 text-sm text-slate-600 dark:bg-slate-800/60 dark:text-slate-300">
        Publish a version other than {alias.functionVersion} to roll it out.
      </p>
    );

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    start.mutate(
      {
        alias: alias.name,
        toVersion,
        strategy,
        stepPercent: Number(step),
        intervalSeconds: Number(interval),
        maxErrorRateIncrease: Number(errorRate),
        maxP99Ratio: Number(p99Ratio),
        minInvocations: Number(minInvocations),
      },
      {
        onSuccess: () => {
          toast("success", `Rollout of version ${toVersion} on ${alias.name} started`);
          onDone();
        },
        onError: (err) => setError(err instanceof ApiError ? err.message : String(err)),
      },
    );
  };

  return (
    <form
      onSubmit={submit}
      aria-label="Start rollout"
      className="space-y-3 rounded-md bg-slate-50 p-3 dark:bg-slate-800/60"
    >
      <div className="grid gap-3 sm:grid-cols-3">
        <VersionSelect
          label="New version"
          value={toVersion}
          onChange={setToVersion}
          versions={candidates}
          allowLatest={false}
        />
        <div>
          <label htmlFor={strategyId} className="mb-1 block text-sm font-medium text-slate-700 dark:text-slate-200">
            Strategy
          </label>
          <select
            id={strategyId}
            value={strategy}
            onChange={(e) => setStrategy(e.target.value as "canary" | "linear")}
            className={
              "w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm shadow-sm " +
              "dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100"
            }
          >
            <option value="canary">Canary — a share, then all</option>
            <option value="linear">Linear — a share more each step</option>
          </select>
        </div>
        <Field label="Step (%)" type="number" min={1} max={99} value={step} onChange={(e) => setStep(e.target.value)} />
        <Field
          label="Interval (seconds)"
          type="number"
          min={1}
          value={interval}
          onChange={(e) => setInterval(e.target.value)}
          hint={strategy === "canary" ? "How long the canary runs before all traffic moves" : "Time between steps"}
        />
        <Field
          label="Max error rate increase (points)"
          type="number"
          min={0}
          max={100}
          step="0.1"
          value={errorRate}
          onChange={(e) => setErrorRate(e.target.value)}
          hint="Over the stable version's error rate"
        />
        <Field
          label="Max p99 ratio (×, 0: off)"
          type="number"
          min={0}
          step="0.1"
          value={p99Ratio}
          onChange={(e) => setP99Ratio(e.target.value)}
        />
        <Field
          label="Min invocations per step"
          type="number"
          min={1}
          value={minInvocations}
          onChange={(e) => setMinInvocations(e.target.value)}
          hint="Fewer: no verdict yet"
        />
      </div>
      <FormError message={error} />
      <div className="flex gap-2">
        <Button type="submit" variant="primary" disabled={start.isPending}>
          {start.isPending ? "Starting…" : "Start rollout"}
        </Button>
        <Button type="button" variant="ghost" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
