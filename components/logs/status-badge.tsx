import type { InvocationItem } from "@/lib/queries/invocations";
import { formatMs } from "@/lib/format";
import { statusBadge, type Tone } from "@/components/logs/filters";

const tones: Record<Tone, string> = {
  success:
    "bg-emerald-50 text-emerald-800 ring-emerald-600/20 " +
    "dark:bg-emerald-950 dark:text-emerald-300 dark:ring-emerald-400/30",
  error: "bg-red-50 text-red-800 ring-red-600/20 dark:bg-red-950 dark:text-red-300 dark:ring-red-400/30",
  warning: "bg-amber-50 text-amber-800 ring-amber-600/20 dark:bg-amber-950 dark:text-amber-300 dark:ring-amber-400/30",
  neutral: "bg-slate-100 text-slate-700 ring-slate-500/20 dark:bg-slate-800 dark:text-slate-300 dark:ring-slate-400/30",
};

const pill =
  "inline-flex max-w-full items-center truncate rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset";

/** The outcome in words (colour is never the only signal). */
export function StatusBadge({ invocation }: { invocation: Pick<InvocationItem, "outcome" | "errorType"> }) {
  const { label, tone } = statusBadge(invocation);
  return <span className={`${pill} ${tones[tone]}`}>{label}</span>;
}

export function ColdStartBadge({ initDurationMs }: { initDurationMs: number | null }) {
  if (initDurationMs === null) return <span className="sr-only">Warm</span>;
  return (
    <span
      title={`Cold start: Init Duration ${formatMs(initDurationMs)}`}
      className={
        "inline-flex items-center gap-1 rounded-full bg-sky-50 whitespace-nowrap px-2 py-0.5 text-xs " +
        "font-medium text-sky-800 ring-1 ring-sky-600/20 ring-inset dark:bg-sky-950 dark:text-sky-300 " +
        "dark:ring-sky-400/30"
      }
    >
      <span aria-hidden>❄</span> Cold {formatMs(initDurationMs)}
    </span>
  );
}
