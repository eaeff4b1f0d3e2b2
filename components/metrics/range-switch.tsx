"use client";
import { useId } from "react";
import { METRICS_RANGES, RANGE_SPECS, type MetricsRange } from "@/lib/metrics/range";

/**
 * Segmented control built from native radio buttons: arrow keys, the group's name and
 * "1 of 3, checked" come from the browser, not from hand-rolled ARIA.
 */
export function RangeSwitch({ value, onChange }: { value: MetricsRange; onChange: (range: MetricsRange) => void }) {
  const name = useId();
  return (
    <fieldset className="inline-flex overflow-hidden rounded-md border border-slate-300 dark:border-slate-600">
      <legend className="sr-only">Time range</legend>
      {METRICS_RANGES.map((r) => (
        <label key={r} className="cursor-pointer border-l border-slate-300 first:border-l-0 dark:border-slate-600">
          <input
            type="radio"
            name={name}
            value={r}
            checked={value === r}
            onChange={() => onChange(r)}
            className="peer sr-only"
          />
          <span
            className={
              "block px-3 py-1.5 text-sm font-medium peer-checked:bg-orange-600 peer-checked:text-white " +
              "peer-focus-visible:outline-2 peer-focus-visible:-outline-offset-4 " +
              "peer-focus-visible:outline-slate-900 dark:peer-focus-visible:outline-white " +
              "peer-[:not(:checked)]:text-slate-700 peer-[:not(:checked)]:hover:bg-slate-100 " +
              "dark:peer-[:not(:checked)]:text-slate-200 dark:peer-[:not(:checked)]:hover:bg-slate-800"
            }
          >
            {RANGE_SPECS[r].label}
          </span>
        </label>
      ))}
    </fieldset>
  );
}
