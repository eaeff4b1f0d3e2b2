"use client";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useState } from "react";
import { TagChips } from "@/components/tags/tag-chip";
import { FUNCTION_TEMPLATES, firstCommands } from "@/components/functions/templates";
import { useFunctionList, type FunctionSummaryJson } from "@/lib/queries/functions";
import { ErrorState, Loading } from "@/components/ui/states";
import { formatCount, formatDateTime } from "@/lib/format";

const columns: Array<{ key: string; label: string; sortable?: boolean; className?: string }> = [
  { key: "name", label: "Function name", sortable: true },
  { key: "description", label: "Description", className: "hidden xl:table-cell" },
  { key: "runtime", label: "Runtime", sortable: true },
  { key: "memoryMb", label: "Memory", sortable: true },
  { key: "timeoutSec", label: "Timeout", sortable: true },
  { key: "invocations24h", label: "Invocations (24 h)" },
  { key: "errors24h", label: "Errors (24 h)" },
  { key: "updatedAt", label: "Last modified", sortable: true },
];

/** The functions list: search, tag filter, sort and page live in the URL. */
export function FunctionsList() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const search = params.get("search") ?? "";
  const tag = params.get("tag") ?? "";
  const sort = params.get("sort") ?? "name";
  const order = (params.get("order") ?? "asc") as "asc" | "desc";
  const page = Math.max(1, Number(params.get("page") ?? 1) || 1);
  const [draft, setDraft] = useState(search);
  const list = useFunctionList({ search, tag, sort, order, page });

  const setParams = (next: Record<string, string | undefined>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) v ? p.set(k, v) : p.delete(k);
    router.replace(`${pathname}?${p}`, { scroll: false });
  };
  /* biome-ignore lint/correctness/useExhaustiveDependencies: debounces the typed text only; setParams and search
     change with every navigation */
  useEffect(() => {
    if (draft === search) return;
    const t = setTimeout(() => setParams({ search: draft || undefined, page: undefined }), 250);
    return () => clearTimeout(t);
  }, [draft]);

  const total = list.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / (list.data?.pageSize ?? 50)));
  const toggleSort = (key: string) =>
    setParams({ sort: key, order: sort === key && order === "asc" ? "desc" : "asc", page: undefined });

  return (
    <section>
      <div className="mb-4 flex items-center gap-4">
        <h1 className="text-2xl font-semibold">Functions</h1>
        <span className="text-sm text-slate-500">{list.data ? `${total} total` : ""}</span>
        <div className="ml-auto flex items-center gap-3">
          {tag ? (
            <span className="flex items-center gap-1 rounded-md bg-orange-50 px-2 py-1 text-sm dark:bg-orange-950/40">
              Tagged <code className="font-mono text-xs">{tag}</code>
              <button
                type="button"
                aria-label={`Clear the tag filter ${tag}`}
                className="rounded px-1 text-slate-500 hover:bg-orange-100 dark:hover:bg-orange-900/50"
                onClick={() => setParams({ tag: undefined, page: undefined })}
              >
                ×
              </button>
            </span>
          ) : null}
          <label className="sr-only" htmlFor="fn-search">
            Search functions by name
          </label>
          <input
            id="fn-search"
            type="search"
            placeholder="Search by name"
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            className={
              "w-64 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm " +
              "dark:border-slate-600 dark:bg-slate-900"
            }
          />
          <Link
            href="/functions/new"
            className="rounded-md bg-orange-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-orange-500"
          >
            Create function
          </Link>
        </div>
      </div>
      {list.isPending ? (
        <Loading label="Loading functions…" />
      ) : list.isError ? (
        <ErrorState error={list.error} retry={() => list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <EmptyState searching={!!search || !!tag} />
      ) : (
        <>
          <div
            className={
              "overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm " +
              "dark:border-slate-800 dark:bg-slate-900"
            }
          >
            <table className="w-full text-sm">
              <thead className="bg-slate-100 text-left text-slate-600 dark:bg-slate-800 dark:text-slate-300">
                <tr>
                  {columns.map((c) => (
                    <th
                      key={c.key}
                      scope="col"
                      className={`px-4 py-2 font-medium whitespace-nowrap ${c.className ?? ""}`}
                      aria-sort={sort === c.key ? (order === "asc" ? "ascending" : "descending") : undefined}
                    >
                      {c.sortable ? (
                        <button type="button" onClick={() => toggleSort(c.key)} className="hover:underline">
                          {c.label} {sort === c.key ? (order === "asc" ? "▲" : "▼") : ""}
                        </button>
                      ) : (
                        c.label
                      )}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((f) => (
                  <Row key={f.id} f={f} />
                ))}
              </tbody>
            </table>
          </div>
          <nav aria-label="Pages" className="mt-3 flex items-center justify-end gap-3 text-sm">
            <button
              type="button"
              disabled={page <= 1}
              onClick={() => setParams({ page: String(page - 1) })}
              className="rounded px-2 py-1 disabled:opacity-40"
            >
              ← Previous
            </button>
            <span>
              Page {page} of {pages}
            </span>
            <button
              type="button"
              disabled={page >= pages}
              onClick={() => setParams({ page: String(page + 1) })}
              className="rounded px-2 py-1 disabled:opacity-40"
            >
              Next →
            </button>
          </nav>
        </>
      )}
    </section>
  );
}

function Row({ f }: { f: FunctionSummaryJson }) {
  return (
    <tr className="border-t border-slate-100 hover:bg-slate-50 dark:border-slate-800 dark:hover:bg-slate-800/50">
      <td className="px-4 py-2 font-medium">
        <Link
          href={`/functions/${encodeURIComponent(f.name)}`}
          className="text-orange-700 hover:underline dark:text-orange-400"
        >
          {f.name}
        </Link>
        <TagChips tags={f.tags ?? {}} label={`Tags of ${f.name}`} />
      </td>
      <td className="hidden max-w-64 truncate px-4 py-2 text-slate-600 xl:table-cell dark:text-slate-400">
        {f.description || "—"}
      </td>
      <td className="px-4 py-2">{f.runtime}</td>
      <td className="px-4 py-2 whitespace-nowrap">{f.memoryMb} MB</td>
      <td className="px-4 py-2 whitespace-nowrap">{f.timeoutSec} s</td>
      <td className="px-4 py-2">{formatCount(f.invocations24h)}</td>
      <td className={`px-4 py-2 ${f.errors24h > 0 ? "font-medium text-red-600 dark:text-red-400" : ""}`}>
        {formatCount(f.errors24h)}
      </td>
      <td className="px-4 py-2 whitespace-nowrap">{formatDateTime(f.updatedAt)}</td>
    </tr>
  );
}

function EmptyState({ searching }: { searching: boolean }) {
  const [endpoint, setEndpoint] = useState("http://localhost:3000");
  useEffect(() => setEndpoint(window.location.origin), []);
  if (searching)
    return (
      <div className="rounded-lg border border-dashed border-slate-300 p-10 text-center dark:border-slate-700">
        <p className="text-slate-600 dark:text-slate-300">No function matches these filters.</p>
      </div>
    );
  return (
    <div className="space-y-6 rounded-lg border border-dashed border-slate-300 p-8 dark:border-slate-700">
      <div>
        <h2 className="text-lg font-semibold">Create your first function</h2>
        <p className="text-sm text-slate-600 dark:text-slate-300">
          Start from a template and edit it in the browser, or deploy with the AWS SDK or CLI pointed at this server.
        </p>
      </div>
      <div className="grid gap-3 sm:grid-cols-3">
        {FUNCTION_TEMPLATES.map((t) => (
          <Link
            key={t.id}
            href={`/functions/new?template=${t.id}`}
            className="rounded-lg border border-slate-300 bg-white p-4 text-sm hover:border-orange-500 dark:border-slate-700 dark:bg-slate-900"
          >
            <span className="font-medium text-orange-700 dark:text-orange-400">{t.label}</span>
            <span className="mt-1 block text-slate-500 dark:text-slate-400">{t.hint}</span>
          </Link>
        ))}
      </div>
      <div>
        <h3 className="mb-1 text-sm font-medium">From a terminal</h3>
        <section aria-label="Terminal commands">
          <pre className="overflow-x-auto rounded-md bg-slate-900 p-3 text-xs text-slate-100">
            {firstCommands(endpoint)}
          </pre>
        </section>
        <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">
          Or make a key under{" "}
          <Link href="/access-keys" className="underline">
            Access keys
          </Link>
          : it shows the commands for it. More in the README.
        </p>
      </div>
    </div>
  );
}
