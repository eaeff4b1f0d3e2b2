"use client";
import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { isFiltered, MAX_MIN_MS, NO_FILTERS, parseMinMs, type TraceFilters } from "@/components/traces/trace-filters";

const TYPE_DEBOUNCE_MS = 400;
const control =
  "rounded-md border bg-white px-2.5 py-1.5 text-sm text-slate-900 shadow-sm " +
  "focus:outline-2 focus:outline-orange-500 dark:bg-slate-900 dark:text-slate-100";
const label = "mb-1 block text-xs font-medium text-slate-600 dark:text-slate-300";

/**
 * Text that is applied after a pause in typing (Enter applies at once). It follows `value` when
 * that changes from elsewhere (back button, "Clear filters"), not when the URL catches up with it.
 */
function useTypedValue(value: string, apply: (typed: string) => boolean) {
  const [draft, setDraft] = useState(value);
  const applied = useRef(value);
  const applyRef = useRef(apply);
  applyRef.current = apply;
  useEffect(() => {
    if (value !== applied.current) {
      applied.current = value;
      setDraft(value);
    }
  }, [value]);
  const flush = (typed: string) => {
    const t = typed.trim();
    if (t !== applied.current && applyRef.current(t)) applied.current = t;
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: only typing restarts the pause
  useEffect(() => {
    const t = setTimeout(() => flush(draft), TYPE_DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [draft]);
  return { draft, setDraft, flush };
}

/** Function name, minimum duration and errors only; every change lands in the URL. */
export function TraceFiltersBar({
  filters,
  onChange,
  status,
  onRefresh,
  refreshing,
}: {
  filters: TraceFilters;
  onChange: (patch: Partial<TraceFilters>) => void;
  status?: ReactNode;
  onRefresh: () => void;
  refreshing: boolean;
}) {
  const fnId = useId();
  const minId = useId();
  const errId = useId();
  const fn = useTypedValue(filters.functionName, (functionName) => {
    onChange({ functionName });
    return true;
  });
  const min = useTypedValue(filters.minMs === null ? "" : String(filters.minMs), (typed) => {
    const minMs = parseMinMs(typed);
    if (typed !== "" && minMs === null) return false;
    onChange({ minMs });
    return true;
  });
  const minBad = min.draft.trim() !== "" && parseMinMs(min.draft) === null;
  const onEnter = (flush: (v: string) => void) => (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "Enter") flush(e.currentTarget.value);
  };

  return (
    <div className="space-y-1">
      <search aria-label="Filter traces" className="flex flex-wrap items-end gap-3">
        <div className="w-full max-w-sm min-w-56 flex-1">
          <label htmlFor={fnId} className={label}>
            Function
          </label>
          <input
            id={fnId}
            type="search"
            value={fn.draft}
            placeholder="Any function (exact name)"
            onChange={(e) => fn.setDraft(e.target.value)}
            onKeyDown={onEnter(fn.flush)}
            className={`${control} w-full border-slate-300 dark:border-slate-600`}
          />
        </div>
        <div>
          <label htmlFor={minId} className={label}>
            Min duration (ms)
          </label>
          <input
            id={minId}
            inputMode="numeric"
            value={min.draft}
            placeholder="0"
            aria-invalid={minBad || undefined}
            aria-describedby={minBad ? `${minId}-error` : undefined}
            onChange={(e) => min.setDraft(e.target.value)}
            onKeyDown={onEnter(min.flush)}
            className={`${control} w-36 tabular-nums ${minBad ? "border-red-500" : "border-slate-300 dark:border-slate-600"}`}
          />
        </div>
        <label htmlFor={errId} className="flex cursor-pointer items-center gap-2 pb-1.5 text-sm">
          <input
            id={errId}
            type="checkbox"
            checked={filters.errorsOnly}
            onChange={(e) => onChange({ errorsOnly: e.target.checked })}
            className="h-4 w-4 accent-orange-600"
          />
          Errors only
        </label>
        <div className="ml-auto flex gap-2">
          {isFiltered(filters) ? (
            <Button variant="ghost" onClick={() => onChange(NO_FILTERS)}>
              Clear filters
            </Button>
          ) : null}
          <Button onClick={onRefresh} disabled={refreshing}>
            {refreshing ? "Refreshing…" : "Refresh"}
          </Button>
        </div>
      </search>
      {minBad ? (
        <p id={`${minId}-error`} role="alert" className="text-xs text-red-600 dark:text-red-400">
          Min duration must be a whole number of milliseconds from 1 to {MAX_MIN_MS.toLocaleString("en")}.
        </p>
      ) : null}
      {status ? <div className="text-xs text-slate-500 dark:text-slate-400">{status}</div> : null}
    </div>
  );
}
