"use client";
import dynamic from "next/dynamic";
import { useState } from "react";
import { ErrorState, Loading } from "@/components/ui/states";
import { compareFiles, firstInteresting, languageOf, type FileChange } from "@/components/versions/compare";
import { useVersionFiles, type VersionJson } from "@/lib/queries/versions";

const CodeDiffEditor = dynamic(() => import("@/components/editor/code-diff-editor"), {
  ssr: false,
  loading: () => <Loading label="Loading diff editor…" />,
});

const STATUS_STYLE: Record<FileChange["status"], string> = {
  added: "bg-emerald-100 text-emerald-800 dark:bg-emerald-900 dark:text-emerald-100",
  removed: "bg-red-100 text-red-800 dark:bg-red-900 dark:text-red-100",
  changed: "bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100",
  unchanged: "bg-slate-100 text-slate-600 dark:bg-slate-800 dark:text-slate-300",
};

const plural = (n: number, word: string) => `${n} ${word}`;

/** Why a side has no text to show, or null when it has one (or is absent: added/removed). */
function unshown(c: FileChange): string | null {
  for (const f of [c.a, c.b]) {
    if (f && f.text === null)
      return f.omitted === "binary"
        ? `${c.path} is a binary file (${c.a?.size ?? 0} → ${c.b?.size ?? 0} bytes); it is not shown.`
        : `${c.path} is too large to show here (${f.size.toLocaleString("en-US")} bytes).`;
  }
  return null;
}

/** The code of A and B: which files were added, removed or changed, and one file's diff in Monaco. */
export function CodeDiffPanel({
  functionName,
  a,
  b,
  dark,
}: {
  functionName: string;
  a: VersionJson;
  b: VersionJson;
  dark: boolean;
}) {
  const filesA = useVersionFiles(functionName, a.version, a.codeSha256);
  const filesB = useVersionFiles(functionName, b.version, b.codeSha256);
  const [chosen, setChosen] = useState<string | null>(null);

  if (filesA.isPending || filesB.isPending) return <Loading label="Loading code…" />;
  if (filesA.isError) return <ErrorState error={filesA.error} retry={() => void filesA.refetch()} />;
  if (filesB.isError) return <ErrorState error={filesB.error} retry={() => void filesB.refetch()} />;

  const changes = compareFiles(filesA.data.files, filesB.data.files);
  const count = (s: FileChange["status"]) => changes.filter((c) => c.status === s).length;
  const selected = changes.find((c) => c.path === chosen) ?? changes.find((c) => c.path === firstInteresting(changes));
  const same = a.codeSha256 === b.codeSha256;
  const reason = selected ? unshown(selected) : null;

  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-600 dark:text-slate-300" data-testid="files-summary">
        {same
          ? `Same code package in both (${plural(changes.length, changes.length === 1 ? "file" : "files")}).`
          : `${plural(count("changed"), "changed")}, ${plural(count("added"), "added")}, ` +
            `${plural(count("removed"), "removed")}, ${plural(count("unchanged"), "unchanged")}.`}
      </p>
      {/* The file list beside the editor only on wide screens: below that the editor needs the width
          to stay side by side (Monaco turns a diff inline under 900 px). */}
      <div className="grid gap-3 xl:grid-cols-[15rem_minmax(0,1fr)]">
        <ul
          aria-label="Files"
          className="max-h-40 max-w-xl space-y-0.5 overflow-y-auto text-sm xl:max-h-[60vh] xl:max-w-none"
        >
          {changes.map((c) => (
            <li key={c.path}>
              <button
                type="button"
                aria-current={selected?.path === c.path ? "true" : undefined}
                onClick={() => setChosen(c.path)}
                className={
                  "flex w-full items-center gap-2 rounded px-2 py-1 text-left hover:bg-slate-100 " +
                  "dark:hover:bg-slate-800 " +
                  (selected?.path === c.path ? "bg-orange-50 ring-1 ring-orange-300 dark:bg-orange-950/40" : "")
                }
              >
                <span className="min-w-0 flex-1 truncate font-mono text-xs" title={c.path}>
                  {c.path}
                </span>
                <span className={`shrink-0 rounded px-1.5 py-0.5 text-xs ${STATUS_STYLE[c.status]}`}>{c.status}</span>
              </button>
            </li>
          ))}
        </ul>
        <div className="min-w-0">
          {!selected ? null : reason ? (
            <p className="rounded-md border border-slate-200 p-4 text-sm text-slate-600 dark:border-slate-800">
              {reason}
            </p>
          ) : (
            <>
              <p className="mb-1 flex justify-between font-mono text-xs text-slate-500">
                <span>
                  {a.version}: {selected.a ? selected.path : "(absent)"}
                </span>
                <span>
                  {b.version}: {selected.b ? selected.path : "(absent)"}
                </span>
              </p>
              <CodeDiffEditor
                original={selected.a?.text ?? ""}
                modified={selected.b?.text ?? ""}
                language={languageOf(selected.path)}
                originalLabel={`${selected.path}, ${a.version === "$LATEST" ? "$LATEST" : `version ${a.version}`}`}
                modifiedLabel={`${selected.path}, ${b.version === "$LATEST" ? "$LATEST" : `version ${b.version}`}`}
                dark={dark}
              />
            </>
          )}
        </div>
      </div>
    </div>
  );
}
