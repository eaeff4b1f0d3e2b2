"use client";
import { Fragment } from "react";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/logs/copy-button";
import { describeActor, LATEST } from "@/components/versions/compare";
import { formatDateTime, formatRelative } from "@/lib/format";
import type { VersionJson } from "@/lib/queries/versions";

const th =
  "px-3 py-2 text-left text-xs font-semibold tracking-wide whitespace-nowrap text-slate-600 uppercase " +
  "dark:text-slate-300";
const td = "px-3 py-2 align-middle";
const muted = "text-slate-500 dark:text-slate-400";

/** A delete asked for, waiting for its confirmation; the service's refusal shows on its row. */
export interface PendingDelete {
  version: string;
  busy: boolean;
  error: string | null;
}

/** Who, over what they are (a console user, an access key): two short lines keep the column narrow. */
function Actor({ label, latest }: { label: string | null; latest: boolean }) {
  const a = describeActor(label);
  if (!a) return <span className={muted}>—</span>;
  return (
    <span title={label ?? undefined} className="block leading-tight">
      <span className="block max-w-40 truncate font-medium">{a.name}</span>
      <span className={`block text-xs ${muted}`}>
        {a.kind}
        {latest ? " · last change" : ""}
      </span>
    </span>
  );
}

/** $LATEST, then the published versions newest first; a version's row can be deleted after a confirmation. */
export function VersionsTable({
  items,
  now,
  pending,
  onAskDelete,
  onConfirmDelete,
  onCancelDelete,
}: {
  items: VersionJson[];
  now: number;
  pending: PendingDelete | null;
  onAskDelete: (version: string) => void;
  onConfirmDelete: (version: string) => void;
  onCancelDelete: () => void;
}) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm" aria-label="Versions">
        <thead className="border-b border-slate-200 bg-slate-50 dark:border-slate-800 dark:bg-slate-800/60">
          <tr>
            <th className={th}>Version</th>
            <th className={th}>Description</th>
            <th className={th}>Published by</th>
            <th className={th}>When</th>
            <th className={th}>CodeSha256</th>
            <th className={th}>Configuration</th>
            <th className={th}>
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((v) => {
            const latest = v.version === LATEST;
            const at = latest ? v.updatedAt : v.createdAt;
            const confirming = pending?.version === v.version;
            return (
              <Fragment key={v.version}>
                <tr
                  data-testid="version-row"
                  data-version={v.version}
                  className="border-t border-slate-100 first:border-t-0 dark:border-slate-800"
                >
                  <td className={`${td} font-mono font-medium whitespace-nowrap`}>{v.version}</td>
                  <td className={td} title={v.description || undefined}>
                    <span className="block max-w-56 truncate">{v.description || <span className={muted}>—</span>}</span>
                  </td>
                  <td className={`${td} whitespace-nowrap`}>
                    <Actor label={v.createdBy} latest={latest} />
                  </td>
                  <td className={`${td} whitespace-nowrap`}>
                    <time dateTime={at} title={formatDateTime(at)}>
                      {formatRelative(at, now)}
                    </time>
                  </td>
                  <td className={`${td} whitespace-nowrap`}>
                    <code className="font-mono text-xs" title={v.codeSha256}>
                      {v.codeSha256.slice(0, 10)}…
                    </code>
                    <CopyButton text={v.codeSha256} label="Copy" className="ml-1" />
                  </td>
                  <td className={`${td} whitespace-nowrap leading-tight`}>
                    <span className="block tabular-nums">
                      {v.memoryMb} MB · {v.timeoutSec} s timeout
                    </span>
                    <span className={`block font-mono text-xs ${muted}`}>{v.runtime}</span>
                  </td>
                  <td className={`${td} text-right`}>
                    {latest ? null : (
                      <Button
                        variant="ghost"
                        className="px-2 py-1 text-xs text-red-700 dark:text-red-400"
                        aria-label={`Delete version ${v.version}`}
                        disabled={confirming}
                        onClick={() => onAskDelete(v.version)}
                      >
                        Delete
                      </Button>
                    )}
                  </td>
                </tr>
                {confirming ? (
                  <tr className="bg-red-50/60 dark:bg-red-950/30">
                    <td colSpan={7} className="px-3 py-2">
                      <div className="flex flex-wrap items-center gap-3">
                        <span>
                          Delete version {v.version}? Invocations of <code>:{v.version}</code> will fail; its code stays
                          while another version uses it.
                        </span>
                        <Button variant="danger" disabled={pending.busy} onClick={() => onConfirmDelete(v.version)}>
                          {pending.busy ? "Deleting…" : `Yes, delete version ${v.version}`}
                        </Button>
                        <Button variant="ghost" onClick={onCancelDelete}>
                          Cancel
                        </Button>
                      </div>
                      {pending.error ? (
                        <p role="alert" className="mt-2 text-sm text-red-800 dark:text-red-200">
                          {pending.error}
                        </p>
                      ) : null}
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
