import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { formatTime } from "@/components/logs/filters";
import { formatMs } from "@/lib/format";
import type { TraceSpan } from "@/lib/queries/traces";
import { ERROR_BAR, KIND_ORDER, KIND_STYLES } from "@/components/traces/span-style";
import type { WaterfallLayout } from "@/components/traces/waterfall-layout";

/** The trace at a glance: its root, when, how long, how many spans and errors; the colours' key. */
export function TraceHeader({
  spans,
  layout,
  children,
}: {
  spans: readonly TraceSpan[];
  layout: WaterfallLayout;
  children?: ReactNode;
}) {
  const root = layout.rows[0]?.span;
  const errors = spans.filter((s) => s.status === "error").length;
  const services = [...new Set(spans.map((s) => s.service))];
  const kinds = KIND_ORDER.filter((k) => spans.some((s) => s.kind === k));
  return (
    <header className="space-y-3">
      <div className="flex flex-wrap items-start gap-3">
        <div className="min-w-0">
          <h1 className="flex flex-wrap items-center gap-3 text-2xl font-semibold break-all">
            {root?.name ?? "Trace"}
            {errors > 0 ? (
              <Badge tone="error">
                {errors} failed {errors === 1 ? "span" : "spans"}
              </Badge>
            ) : null}
          </h1>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
            {[
              services.join(", "),
              spans.length ? `started ${formatTime(new Date(layout.startMs).toISOString())}` : null,
              formatMs(layout.totalMs),
              `${spans.length} ${spans.length === 1 ? "span" : "spans"}`,
            ]
              .filter(Boolean)
              .join(" · ")}
          </p>
        </div>
        <div className="ml-auto flex items-center gap-2">{children}</div>
      </div>
      {kinds.length > 0 ? (
        <ul
          aria-label="Colour key"
          className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600 dark:text-slate-300"
        >
          {kinds.map((k) => (
            <li key={k} className="flex items-center gap-1.5" title={KIND_STYLES[k].about}>
              <span aria-hidden className={`h-2.5 w-2.5 rounded-sm ${KIND_STYLES[k].bar}`} />
              {KIND_STYLES[k].label}
            </li>
          ))}
          {errors > 0 ? (
            <li className="flex items-center gap-1.5">
              <span aria-hidden className={`h-2.5 w-2.5 rounded-sm ${ERROR_BAR}`} />
              Error
            </li>
          ) : null}
        </ul>
      ) : null}
    </header>
  );
}
