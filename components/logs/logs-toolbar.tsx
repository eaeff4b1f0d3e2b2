"use client";
import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import {
  SINCE_OPTIONS,
  STATUS_OPTIONS,
  type LogsState,
  type SinceFilter,
  type StatusFilter,
} from "@/components/logs/filters";

const SEARCH_DEBOUNCE_MS = 300;
const control =
  "rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm text-slate-900 shadow-sm " +
  "focus:outline-2 focus:outline-orange-500 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100";

function Select<T extends string>({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: T;
  options: readonly { value: T; label: string }[];
  onChange: (v: T) => void;
}) {
  const id = useId();
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-xs font-medium text-slate-600 dark:text-slate-300">
        {label}
      </label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as T)} className={control}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Typing searches after a pause; Enter searches at once; Escape clears. */
function SearchBox({ value, onSearch }: { value: string; onSearch: (q: string) => void }) {
  const id = useId();
  const [draft, setDraft] = useState(value);
  const submitted = useRef(value);
  // Live tail re-renders every 2 s with a new callback; that must not restart the pause.
  const search = useRef(onSearch);
  search.current = onSearch;
  const submit = (q: string) => {
    submitted.current = q;
    search.current(q);
  };
  // Follow the URL when it changes from elsewhere (back button, "Clear filters"), not when it
  // catches up with what was typed (the draft may already be longer by then).
  useEffect(() => {
    if (value !== submitted.current) {
      submitted.current = value;
      setDraft(value);
    }
  }, [value]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: only typing restarts the pause, not a new submit()
  useEffect(() => {
    const q = draft.trim();
    if (q === submitted.current) return;
    const t = setTimeout(() => submit(q), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [draft]);
  return (
    <div className="min-w-56 flex-1">
      <label htmlFor={id} className="mb-1 block text-xs font-medium text-slate-600 dark:text-slate-300">
        Search log lines
      </label>
      <input
        id={id}
        type="search"
        value={draft}
        maxLength={200}
        placeholder="Text in a log line, e.g. order 42"
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter") submit(draft.trim());
          if (e.key === "Escape") setDraft("");
        }}
        className={`w-full ${control}`}
      />
    </div>
  );
}

/** A checkbox drawn as a switch: the input itself is the track, so it is what gets clicked and focused. */
function LiveTailSwitch({ on, onChange }: { on: boolean; onChange: (on: boolean) => void }) {
  return (
    <label className="flex cursor-pointer items-center gap-2 pb-1.5 text-sm font-medium">
      <span className="relative inline-flex">
        <input
          type="checkbox"
          role="switch"
          aria-checked={on}
          checked={on}
          onChange={(e) => onChange(e.target.checked)}
          className={
            "peer h-5 w-9 cursor-pointer appearance-none rounded-full bg-slate-300 transition-colors " +
            "checked:bg-orange-600 focus-visible:outline-2 focus-visible:outline-offset-2 " +
            "focus-visible:outline-orange-500 dark:bg-slate-600 dark:checked:bg-orange-600"
          }
        />
        <span
          aria-hidden
          className={
            "pointer-events-none absolute top-0.5 left-0.5 h-4 w-4 rounded-full bg-white shadow " +
            "transition-transform peer-checked:translate-x-4"
          }
        />
      </span>
      Live tail
    </label>
  );
}

export function LogsToolbar({
  state,
  onChange,
  status,
  onRefresh,
  refreshing,
}: {
  state: LogsState;
  onChange: (patch: Partial<LogsState>) => void;
  status: ReactNode;
  onRefresh: () => void;
  refreshing: boolean;
}) {
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-end gap-3">
        <Select<StatusFilter>
          label="Status"
          value={state.status}
          options={STATUS_OPTIONS}
          onChange={(v) => onChange({ status: v })}
        />
        <Select<SinceFilter>
          label="Time range"
          value={state.since}
          options={SINCE_OPTIONS}
          onChange={(v) => onChange({ since: v })}
        />
        <SearchBox value={state.q} onSearch={(q) => onChange({ q })} />
        <LiveTailSwitch on={state.live} onChange={(live) => onChange({ live })} />
        <Button variant="secondary" onClick={onRefresh} disabled={refreshing || state.live}>
          {refreshing && !state.live ? "Refreshing…" : "Refresh"}
        </Button>
      </div>
      <div className="min-h-5 text-xs text-slate-500 dark:text-slate-400">{status}</div>
    </div>
  );
}
