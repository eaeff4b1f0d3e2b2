"use client";
import { useId } from "react";

/**
 * A segmented control built from native radio buttons (arrow keys and "1 of 3, checked" come
 * from the browser), for a handful of options such as a chart's time span.
 */
export function SegmentedSwitch<T extends string | number>({
  legend,
  options,
  value,
  onChange,
}: {
  legend: string;
  options: ReadonlyArray<{ value: T; label: string }>;
  value: T;
  onChange: (value: T) => void;
}) {
  const name = useId();
  return (
    <fieldset className="inline-flex overflow-hidden rounded-md border border-slate-300 dark:border-slate-600">
      <legend className="sr-only">{legend}</legend>
      {options.map((o) => (
        <label
          key={String(o.value)}
          className="cursor-pointer border-l border-slate-300 first:border-l-0 dark:border-slate-600"
        >
          <input
            type="radio"
            name={name}
            value={String(o.value)}
            checked={value === o.value}
            onChange={() => onChange(o.value)}
            className="peer sr-only"
          />
          <span
            className={
              "block px-3 py-1 text-sm font-medium peer-checked:bg-orange-600 peer-checked:text-white " +
              "peer-focus-visible:outline-2 peer-focus-visible:-outline-offset-4 " +
              "peer-focus-visible:outline-slate-900 dark:peer-focus-visible:outline-white " +
              "peer-[:not(:checked)]:text-slate-700 peer-[:not(:checked)]:hover:bg-slate-100 " +
              "dark:peer-[:not(:checked)]:text-slate-200 dark:peer-[:not(:checked)]:hover:bg-slate-800"
            }
          >
            {o.label}
          </span>
        </label>
      ))}
    </fieldset>
  );
}
