"use client";
import { useRef, type KeyboardEvent, type ReactNode } from "react";

const tabBase =
  "-mb-px border-b-2 px-4 py-2 text-sm font-medium focus-visible:outline-2 focus-visible:outline-orange-500";

export interface TabDef {
  id: string;
  label: string;
}

/**
 * WAI-ARIA tabs: a tablist of buttons with roving tabindex (arrow keys, Home, End) and one
 * tabpanel labelled by the active tab. The caller owns the selection (kept in the URL).
 */
export function Tabs({
  tabs,
  active,
  onChange,
  label,
  children,
}: {
  tabs: TabDef[];
  active: string;
  onChange: (id: string) => void;
  label: string;
  children: ReactNode;
}) {
  const refs = useRef<Array<HTMLButtonElement | null>>([]);
  const index = Math.max(
    0,
    tabs.findIndex((t) => t.id === active),
  );
  const current = tabs[index];
  if (!current) throw new Error("Tabs needs at least one tab");
  const move = (to: number) => {
    const i = (to + tabs.length) % tabs.length;
    onChange(tabs[i]!.id); // 0 <= i < tabs.length
    refs.current[i]?.focus();
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === "ArrowRight") move(index + 1);
    else if (e.key === "ArrowLeft") move(index - 1);
    else if (e.key === "Home") move(0);
    else if (e.key === "End") move(tabs.length - 1);
    else return;
    e.preventDefault();
  };
  return (
    <div>
      <div
        role="tablist"
        aria-label={label}
        onKeyDown={onKey}
        className="flex gap-1 border-b border-slate-200 dark:border-slate-800"
      >
        {tabs.map((t, i) => (
          <button
            type="button"
            key={t.id}
            ref={(el) => {
              refs.current[i] = el;
            }}
            role="tab"
            id={`tab-${t.id}`}
            aria-selected={t.id === current.id}
            aria-controls={`panel-${t.id}`}
            tabIndex={t.id === current.id ? 0 : -1}
            onClick={() => onChange(t.id)}
            className={`${tabBase} ${
              t.id === current.id
                ? "border-orange-500 text-orange-700 dark:text-orange-400"
                : "border-transparent text-slate-600 hover:text-slate-900 dark:text-slate-400 dark:hover:text-slate-100"
            }`}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id={`panel-${current.id}`}
        aria-labelledby={`tab-${current.id}`}
        className="pt-4"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: the WAI-ARIA tabs pattern makes the panel focusable
        tabIndex={0}
      >
        {children}
      </div>
    </div>
  );
}
