"use client";
import { Button } from "@/components/ui/button";
import { formatDateTime } from "@/lib/format";
import type { AccessKeyJson } from "@/lib/queries/access-keys";

export function KeysTable({
  keys,
  busyId,
  onToggle,
  onDelete,
}: {
  keys: AccessKeyJson[];
  busyId: string | null;
  onToggle: (k: AccessKeyJson) => void;
  onDelete: (k: AccessKeyJson) => void;
}) {
  if (keys.length === 0) return <p className="p-4 text-sm text-slate-500 dark:text-slate-400">No access keys yet.</p>;
  return (
    <table className="w-full text-left text-sm">
      <thead className="text-xs text-slate-500 uppercase dark:text-slate-400">
        <tr>
          <th className="px-3 py-2">Access key ID</th>
          <th className="px-3 py-2">Description</th>
          <th className="px-3 py-2">Status</th>
          <th className="px-3 py-2">Created</th>
          <th className="px-3 py-2">Last used</th>
          <th className="px-3 py-2 text-right">Actions</th>
        </tr>
      </thead>
      <tbody>
        {keys.map((k) => (
          <tr
            key={k.accessKeyId}
            data-testid={`access-key-${k.accessKeyId}`}
            className="border-t border-slate-200 dark:border-slate-800"
          >
            <td className="px-3 py-2 font-mono">
              {k.accessKeyId}
              {k.root ? (
                <span className="ml-2 rounded bg-slate-200 px-1.5 py-0.5 font-sans text-xs dark:bg-slate-700">
                  root
                </span>
              ) : null}
            </td>
            <td className="px-3 py-2">{k.description || <span className="text-slate-400">—</span>}</td>
            <td className="px-3 py-2">
              <span
                className={`rounded-full px-2 py-0.5 text-xs font-medium ${
                  k.status === "Active"
                    ? "bg-emerald-100 text-emerald-800 dark:bg-emerald-900 dark:text-emerald-200"
                    : "bg-slate-200 text-slate-700 dark:bg-slate-700 dark:text-slate-200"
                }`}
              >
                {k.status}
              </span>
            </td>
            <td className="px-3 py-2 whitespace-nowrap">{formatDateTime(k.createdAt)}</td>
            <td className="px-3 py-2 whitespace-nowrap">{k.lastUsedAt ? formatDateTime(k.lastUsedAt) : "Never"}</td>
            <td className="px-3 py-2 text-right whitespace-nowrap">
              <Button
                disabled={busyId === k.accessKeyId}
                onClick={() => onToggle(k)}
                aria-label={`${k.status === "Active" ? "Deactivate" : "Activate"} ${k.accessKeyId}`}
              >
                {k.status === "Active" ? "Deactivate" : "Activate"}
              </Button>
              {k.root ? null : (
                <Button
                  variant="ghost"
                  className="ml-2 text-red-700 dark:text-red-400"
                  disabled={busyId === k.accessKeyId}
                  onClick={() => onDelete(k)}
                  aria-label={`Delete ${k.accessKeyId}`}
                >
                  Delete
                </Button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
