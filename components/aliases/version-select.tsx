"use client";
import { useId } from "react";

const selectClass =
  "w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900 shadow-sm " +
  "focus:outline-2 focus:outline-orange-500 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100";

export interface VersionOption {
  version: string;
  description: string;
}

/** A labelled select of versions ("$LATEST" only when allowed). */
export function VersionSelect({
  label,
  value,
  onChange,
  versions,
  allowLatest = true,
  allowNone,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  versions: VersionOption[];
  allowLatest?: boolean;
  /** Offers an empty choice with this label. */
  allowNone?: string;
}) {
  const id = useId();
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-slate-700 dark:text-slate-200">
        {label}
      </label>
      <select id={id} className={selectClass} value={value} onChange={(e) => onChange(e.target.value)}>
        {allowNone !== undefined ? <option value="">{allowNone}</option> : null}
        {versions
          .filter((v) => allowLatest || v.version !== "$LATEST")
          .map((v) => (
            <option key={v.version} value={v.version}>
              {v.version === "$LATEST" ? "$LATEST" : `Version ${v.version}`}
              {v.description ? ` — ${v.description.slice(0, 40)}` : ""}
            </option>
          ))}
      </select>
    </div>
  );
}
