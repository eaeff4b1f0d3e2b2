"use client";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Card, ErrorState, Loading } from "@/components/ui/states";
import { useAuditEvents, type AuditFilters } from "@/lib/queries/audit";
import { AuditTable } from "@/components/audit/audit-table";

const FILTERS = ["action", "resource", "actor", "from", "to"] as const;

/** The audit page: filters and the page cursor live in the URL, so a view can be linked. */
export function AuditLog() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const filters: AuditFilters = Object.fromEntries([...FILTERS, "cursor"].map((k) => [k, params.get(k) ?? undefined]));
  const q = useAuditEvents(filters);
  const [draft, setDraft] = useState(
    () => Object.fromEntries(FILTERS.map((k) => [k, params.get(k) ?? ""])) as Record<(typeof FILTERS)[number], string>,
  );

  const go = (next: Record<string, string | undefined>) => {
    const sp = new URLSearchParams(Object.entries(next).filter(([, v]) => v) as [string, string][]);
    router.replace(`${pathname}${sp.size ? `?${sp}` : ""}`, { scroll: false });
  };
  const apply = (e: FormEvent) => {
    e.preventDefault();
    go({ ...draft }); // new filters start from the newest entry
  };

  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Audit log</h1>
      <form onSubmit={apply} className="flex flex-wrap items-end gap-3" aria-label="Audit filters">
        {FILTERS.map((k) => (
          <label key={k} className="flex flex-col text-xs text-slate-600 dark:text-slate-300">
            {label[k]}
            <input
              name={k}
              value={draft[k]}
              placeholder={placeholder[k]}
              onChange={(e) => setDraft((d) => ({ ...d, [k]: e.target.value }))}
              className={
                "mt-1 w-48 rounded-md border border-slate-300 bg-white px-2 py-1.5 font-mono text-sm " +
                "dark:border-slate-600 dark:bg-slate-900"
              }
            />
          </label>
        ))}
        <Button type="submit" variant="primary">
          Apply
        </Button>
        <Button
          type="button"
          onClick={() => {
            setDraft({ action: "", resource: "", actor: "", from: "", to: "" });
            go({});
          }}
        >
          Clear
        </Button>
      </form>
      <Card>
        {q.isPending ? (
          <Loading label="Loading the audit log…" />
        ) : q.isError ? (
          <ErrorState error={q.error} retry={() => void q.refetch()} />
        ) : (
          <AuditTable items={q.data.items} />
        )}
        <div className="mt-3 flex gap-2">
          {filters.cursor ? (
            <Button type="button" onClick={() => go({ ...Object.fromEntries(FILTERS.map((k) => [k, filters[k]])) })}>
              Newest
            </Button>
          ) : null}
          {q.data?.nextCursor ? (
            <Button
              type="button"
              onClick={() =>
                go({ ...Object.fromEntries(FILTERS.map((k) => [k, filters[k]])), cursor: q.data!.nextCursor! })
              }
            >
              Older →
            </Button>
          ) : null}
        </div>
      </Card>
    </div>
  );
}

const label = { action: "Action (prefix)", resource: "Resource", actor: "Actor", from: "From", to: "To" };
const placeholder = {
  action: "function.",
  resource: "function name",
  actor: "nimbus",
  from: "2026-11-28T00:00Z",
  to: "",
};
