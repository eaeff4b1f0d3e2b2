const ITEMS = [
  ["Not started", "border-slate-300 bg-slate-50 dark:border-slate-600 dark:bg-slate-900"],
  ["Running", "border-sky-500 bg-sky-50 dark:bg-sky-950"],
  ["Succeeded", "border-emerald-500 bg-emerald-50 dark:bg-emerald-950"],
  ["Failed", "border-red-500 bg-red-50 dark:bg-red-950"],
  ["Caught", "border-amber-500 bg-amber-50 dark:bg-amber-950"],
  ["Aborted", "border-dashed border-slate-400 bg-slate-100 dark:bg-slate-800"],
] as const;

/** What the graph's colours mean. */
export function StatusLegend() {
  return (
    <ul aria-label="Legend" className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600 dark:text-slate-300">
      {ITEMS.map(([label, swatch]) => (
        <li key={label} className="flex items-center gap-1.5">
          <span aria-hidden className={`inline-block h-3 w-3 rounded-sm border-2 ${swatch}`} />
          {label}
        </li>
      ))}
    </ul>
  );
}
