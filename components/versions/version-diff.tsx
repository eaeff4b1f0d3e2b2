"use client";
import { useId } from "react";
import { Button } from "@/components/ui/button";
import { CodeDiffPanel } from "@/components/versions/code-diff-panel";
import { ConfigDiffTable } from "@/components/versions/config-diff-table";
import { configDiff } from "@/components/versions/config-diff";
import type { VersionPair } from "@/components/versions/compare";
import type { VersionJson } from "@/lib/queries/versions";

const select =
  "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm shadow-sm focus:outline-2 " +
  "focus:outline-orange-500 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100";

function VersionSelect({
  label,
  value,
  items,
  onChange,
}: {
  label: string;
  value: string;
  items: VersionJson[];
  onChange: (version: string) => void;
}) {
  const id = useId();
  return (
    <div className="flex items-center gap-2">
      <label htmlFor={id} className="text-sm font-medium text-slate-700 dark:text-slate-200">
        {label}
      </label>
      <select id={id} className={`${select} max-w-72`} value={value} onChange={(e) => onChange(e.target.value)}>
        {items.map((v) => (
          <option key={v.version} value={v.version}>
            {v.version}
            {v.description ? ` — ${v.description.slice(0, 40)}` : ""}
          </option>
        ))}
      </select>
    </div>
  );
}

const heading = "mb-2 text-sm font-semibold text-slate-800 dark:text-slate-100";

/** Two versions side by side: pick A and B; their configuration, then their code. */
export function VersionDiff({
  functionName,
  items,
  pair,
  onPairChange,
  dark,
}: {
  functionName: string;
  items: VersionJson[];
  pair: VersionPair;
  onPairChange: (pair: VersionPair) => void;
  dark: boolean;
}) {
  const a = items.find((v) => v.version === pair.a);
  const b = items.find((v) => v.version === pair.b);
  if (!a || !b) return null;
  const rows = configDiff(a, b);
  // What the versions run: a different description alone does not make them differ.
  const differing = rows.filter((r) => r.changed && !r.meta).length;
  const described = rows.some((r) => r.changed && r.meta);
  const summary =
    differing === 0
      ? described
        ? "identical apart from the description"
        : "identical"
      : `${differing} ${differing === 1 ? "field differs" : "fields differ"}`;
  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-center gap-3">
        <VersionSelect label="A" value={pair.a} items={items} onChange={(v) => onPairChange({ ...pair, a: v })} />
        <Button
          variant="ghost"
          className="px-2"
          aria-label="Swap A and B"
          title="Swap A and B"
          onClick={() => onPairChange({ a: pair.b, b: pair.a })}
        >
          ⇄
        </Button>
        <VersionSelect label="B" value={pair.b} items={items} onChange={(v) => onPairChange({ ...pair, b: v })} />
        {pair.a === pair.b ? (
          <span className="text-sm text-slate-500">Pick two different versions to see what changed.</span>
        ) : null}
      </div>
      <section aria-label="Configuration">
        <h3 className={heading}>
          Configuration <span className="font-normal text-slate-500 dark:text-slate-400">· {summary}</span>
        </h3>
        <ConfigDiffTable rows={rows} a={a.version} b={b.version} />
        {rows.some((r) => r.secret) ? (
          <p className="mt-1 text-xs text-slate-500">
            Secret values never reach the console: a secret shows as changed only when it is added, removed or made
            secret.
          </p>
        ) : null}
      </section>
      <section aria-label="Code">
        <h3 className={heading}>Code</h3>
        <CodeDiffPanel key={`${a.version}:${b.version}`} functionName={functionName} a={a} b={b} dark={dark} />
      </section>
    </div>
  );
}
