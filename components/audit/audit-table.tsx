"use client";
import { Fragment, useState } from "react";
import type { AuditEventJson } from "@/lib/queries/audit";

/** One line per entry; details (what changed) open on demand. Presentational: rows in, nothing out. */
export function AuditTable({ items, showResource = true }: { items: AuditEventJson[]; showResource?: boolean }) {
  const [open, setOpen] = useState<Record<string, boolean>>({});
  if (!items.length) return <p className="text-sm text-slate-500">No audit entries.</p>;
  return (
    <table className="w-full text-left text-sm">
      <thead className="text-xs uppercase text-slate-500">
        <tr>
          <th className="py-2 pr-4 font-medium">Time</th>
          <th className="py-2 pr-4 font-medium">Actor</th>
          <th className="py-2 pr-4 font-medium">Action</th>
          {showResource ? <th className="py-2 pr-4 font-medium">Resource</th> : null}
          <th className="py-2 font-medium">Details</th>
        </tr>
      </thead>
      <tbody>
        {items.map((e) => (
          <Fragment key={e.id}>
            <tr className="border-t border-slate-100 align-top dark:border-slate-800" data-testid="audit-row">
              <td className="whitespace-nowrap py-2 pr-4 font-mono text-xs" title={e.at}>
                {new Date(e.at).toLocaleString()}
              </td>
              <td className="py-2 pr-4">
                <span className="font-medium">{e.actor}</span>{" "}
                <span className="text-xs text-slate-500">
                  ({e.actorType}
                  {e.sourceIp ? `, ${e.sourceIp}` : ""})
                </span>
              </td>
              <td className="py-2 pr-4 font-mono text-xs">{e.action}</td>
              {showResource ? <td className="py-2 pr-4 font-mono text-xs">{e.resource}</td> : null}
              <td className="py-2">
                {Object.keys(e.details).length ? (
                  <button
                    type="button"
                    className="text-xs text-sky-700 hover:underline dark:text-sky-400"
                    aria-expanded={!!open[e.id]}
                    onClick={() => setOpen((o) => ({ ...o, [e.id]: !o[e.id] }))}
                  >
                    {open[e.id] ? "Hide" : summarize(e.details)}
                  </button>
                ) : (
                  <span className="text-xs text-slate-400">—</span>
                )}
              </td>
            </tr>
            {open[e.id] ? (
              <tr>
                <td colSpan={showResource ? 5 : 4} className="pb-3">
                  <pre className="overflow-x-auto rounded-md bg-slate-100 p-3 font-mono text-xs dark:bg-slate-800">
                    {JSON.stringify(e.details, null, 2)}
                  </pre>
                </td>
              </tr>
            ) : null}
          </Fragment>
        ))}
      </tbody>
    </table>
  );
}

/** A one-line hint of what changed, e.g. "memoryMb, variables" or "reason: timeout". */
function summarize(details: Record<string, unknown>): string {
  const changes = details.changes as Record<string, unknown> | undefined;
  const keys = [...Object.keys(changes ?? {}), ...Object.keys(details).filter((k) => k !== "changes")];
  if (typeof details.reason === "string") return `reason: ${details.reason.slice(0, 40)}`;
  const text = keys.slice(0, 4).join(", ");
  return text ? `${text}${keys.length > 4 ? "…" : ""}` : "details";
}
