"use client";
import { formatMs } from "@/lib/format";
import type { ConnectionItem } from "@/lib/queries/invocations";

const th = "px-2 py-1 text-left font-medium text-slate-500 dark:text-slate-400";
const td = "px-2 py-1 align-top";

function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** The outbound connections of one invocation: where to, how much each way, allowed or why not. */
export function ConnectionsTable({ items, total }: { items: ConnectionItem[]; total: number }) {
  if (total === 0) return null;
  const denied = items.filter((c) => !c.allowed).length;
  return (
    <section aria-label="Outbound connections" className="space-y-1">
      <h3 className="text-xs font-medium">
        Outbound connections · {total}
        {denied ? <span className="text-red-700 dark:text-red-400"> · {denied} denied</span> : null}
        {total > items.length ? ` (first ${items.length} shown)` : ""}
      </h3>
      <div className="overflow-x-auto rounded border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <table className="w-full text-xs">
          <thead>
            <tr>
              <th className={th}>Destination</th>
              <th className={th}>Address</th>
              <th className={`${th} text-right`}>Sent</th>
              <th className={`${th} text-right`}>Received</th>
              <th className={`${th} text-right`}>Duration</th>
              <th className={th}>Result</th>
            </tr>
          </thead>
          <tbody className="font-mono">
            {items.map((c, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the list is fixed once loaded; rows can repeat
              <tr key={i} data-testid="connection-row" className="border-t border-slate-100 dark:border-slate-800">
                <td className={`${td} break-all`}>
                  {c.host}:{c.port}
                  {c.protocol !== "tcp" ? <span className="text-slate-500"> ({c.protocol})</span> : null}
                </td>
                <td className={td}>{c.address ?? "—"}</td>
                <td className={`${td} text-right tabular-nums`}>{bytes(c.bytesOut)}</td>
                <td className={`${td} text-right tabular-nums`}>{bytes(c.bytesIn)}</td>
                <td className={`${td} text-right tabular-nums`}>{formatMs(c.durationMs)}</td>
                <td className={td}>
                  {c.allowed ? (
                    <span className="text-emerald-700 dark:text-emerald-400">
                      allowed{c.reason ? ` · ${c.reason}` : ""}
                    </span>
                  ) : (
                    <span className="text-red-700 dark:text-red-400">denied: {c.reason ?? "not allowed"}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
