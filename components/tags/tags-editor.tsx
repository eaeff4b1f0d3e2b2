"use client";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { Card } from "@/components/ui/states";
import { useToast } from "@/components/ui/toast";
import { ApiError } from "@/lib/http/client";
import { useSaveTags } from "@/lib/queries/functions";

const input =
  "w-full rounded-md border border-slate-300 bg-white px-2 py-1 font-mono text-sm " +
  "dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100";

type Row = { id: number; key: string; value: string };
let nextId = 1;
const rowsOf = (tags: Record<string, string>): Row[] =>
  Object.entries(tags)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, value]) => ({ id: nextId++, key, value }));

/** Tags as key/value rows: add, change, remove, then save them as a whole (the server checks Lambda's limits). */
export function TagsEditor({ functionName, tags }: { functionName: string; tags: Record<string, string> }) {
  const [rows, setRows] = useState<Row[]>(() => rowsOf(tags));
  const [error, setError] = useState<string | null>(null);
  const save = useSaveTags(functionName);
  const toast = useToast();
  const set = (id: number, patch: Partial<Row>) =>
    setRows((rs) => rs.map((r) => (r.id === id ? { ...r, ...patch } : r)));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const filled = rows.filter((r) => r.key.trim() !== "" || r.value !== "");
    const keys = filled.map((r) => r.key.trim());
    const dup = keys.find((k, i) => keys.indexOf(k) !== i);
    if (dup !== undefined) return setError(`The key ${dup || "(empty)"} is there twice`);
    save.mutate(Object.fromEntries(filled.map((r) => [r.key.trim(), r.value])), {
      onSuccess: (r) => {
        setRows(rowsOf(r.tags));
        toast("success", "Tags saved");
      },
      onError: (err) => setError(err instanceof ApiError ? err.message : String(err)),
    });
  };

  return (
    <Card title="Tags">
      <form onSubmit={submit} aria-label="Tags" className="space-y-2">
        {rows.length === 0 ? (
          <p className="text-sm text-slate-500 dark:text-slate-400">
            No tags. Tags (like <code>team=payments</code>) label functions: the functions list filters by them, and
            deploy tools read them with ListTags.
          </p>
        ) : (
          rows.map((r, i) => (
            <div key={r.id} className="flex items-center gap-2">
              <input
                aria-label={`Tag ${i + 1} key`}
                className={input}
                placeholder="key"
                value={r.key}
                onChange={(e) => set(r.id, { key: e.target.value })}
              />
              <input
                aria-label={`Tag ${i + 1} value`}
                className={input}
                placeholder="value"
                value={r.value}
                onChange={(e) => set(r.id, { value: e.target.value })}
              />
              <Button
                type="button"
                variant="ghost"
                aria-label={`Remove tag ${r.key || i + 1}`}
                onClick={() => setRows((rs) => rs.filter((x) => x.id !== r.id))}
              >
                Remove
              </Button>
            </div>
          ))
        )}
        <FormError message={error} />
        <div className="flex gap-2">
          <Button
            type="button"
            variant="secondary"
            onClick={() => setRows((rs) => [...rs, { id: nextId++, key: "", value: "" }])}
          >
            Add tag
          </Button>
          <Button type="submit" variant="primary" disabled={save.isPending}>
            {save.isPending ? "Saving…" : "Save tags"}
          </Button>
        </div>
      </form>
    </Card>
  );
}
