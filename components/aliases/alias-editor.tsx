"use client";
import { useId, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { useToast } from "@/components/ui/toast";
import { ApiError } from "@/lib/http/client";
import { useUpdateAlias, type AliasJson } from "@/lib/queries/aliases";
import { VersionSelect, type VersionOption } from "@/components/aliases/version-select";

/**
 * Points an alias at a version and, optionally, sends a share of its traffic to a second one
 * (a weight slider, 0–100% in steps of 1). Saving a split needs published versions on both sides.
 */
export function AliasEditor({
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
  const [version, setVersion] = useState(alias.functionVersion);
  const [second, setSecond] = useState(alias.routing?.additionalVersion ?? "");
  const [percent, setPercent] = useState(Math.round((alias.routing?.weight ?? 0.1) * 100));
  const [error, setError] = useState<string | null>(null);
  const update = useUpdateAlias(functionName);
  const toast = useToast();
  const sliderId = useId();
  const others = versions.filter((v) => v.version !== "$LATEST" && v.version !== version);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const routing = second ? { additionalVersion: second, weight: percent / 100 } : null;
    update.mutate(
      { alias: alias.name, functionVersion: version, routing, revisionId: alias.revisionId },
      {
        onSuccess: () => {
          toast("success", `Alias ${alias.name} saved`);
          onDone();
        },
        onError: (err) => setError(err instanceof ApiError ? err.message : String(err)),
      },
    );
  };

  return (
    <form
      onSubmit={submit}
      className="space-y-3 rounded-md bg-slate-50 p-3 dark:bg-slate-800/60"
      aria-label="Edit alias"
    >
      <div className="grid gap-3 sm:grid-cols-2">
        <VersionSelect label="Version" value={version} onChange={setVersion} versions={versions} />
        <VersionSelect
          label="Second version (weighted)"
          value={second === version ? "" : second}
          onChange={setSecond}
          versions={others}
          allowLatest={false}
          allowNone="None — all traffic to the version"
        />
      </div>
      {second && second !== version ? (
        <div>
          <label htmlFor={sliderId} className="mb-1 block text-sm font-medium text-slate-700 dark:text-slate-200">
            Traffic to version {second}: <span className="tabular-nums">{percent}%</span> · version {version}:{" "}
            <span className="tabular-nums">{100 - percent}%</span>
          </label>
          <input
            id={sliderId}
            type="range"
            min={0}
            max={100}
            step={1}
            value={percent}
            onChange={(e) => setPercent(Number(e.target.value))}
            className="w-full accent-orange-600"
          />
        </div>
      ) : null}
      <FormError message={error} />
      <div className="flex gap-2">
        <Button type="submit" variant="primary" disabled={update.isPending}>
          {update.isPending ? "Saving…" : "Save alias"}
        </Button>
        <Button type="button" variant="ghost" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
