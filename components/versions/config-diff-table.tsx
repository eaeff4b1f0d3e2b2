import type { ConfigRow } from "@/components/versions/config-diff";

const th = "px-3 py-2 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-300";
const td = "px-3 py-1.5 align-top break-all";
const badge = "ml-2 rounded bg-amber-200 px-1.5 py-0.5 text-xs text-amber-900 dark:bg-amber-800 dark:text-amber-100";

/** Configuration of A and B side by side; the rows that differ are highlighted and say so. */
export function ConfigDiffTable({ rows, a, b }: { rows: ConfigRow[]; a: string; b: string }) {
  return (
    <div className="overflow-x-auto rounded-md border border-slate-200 dark:border-slate-800">
      <table className="w-full table-fixed text-sm" aria-label="Configuration differences">
        <colgroup>
          <col className="w-48" />
          <col />
          <col />
        </colgroup>
        <thead className="border-b border-slate-200 bg-slate-50 dark:border-slate-800 dark:bg-slate-800/60">
          <tr>
            <th className={th}>Field</th>
            <th className={th}>
              <span className="normal-case">{a}</span> (A)
            </th>
            <th className={th}>
              <span className="normal-case">{b}</span> (B)
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr
              key={r.key}
              data-testid="config-row"
              data-field={r.key}
              data-changed={r.changed ? "true" : undefined}
              className={
                r.changed
                  ? "border-t border-amber-200 bg-amber-50 dark:border-amber-900 dark:bg-amber-950/40"
                  : "border-t border-slate-100 dark:border-slate-800"
              }
            >
              <th scope="row" className={`${td} text-left font-medium`}>
                {r.label}
                {r.changed ? <span className={badge}>changed</span> : null}
                {r.secret ? <span className="ml-2 text-xs font-normal text-slate-500">secret</span> : null}
              </th>
              <td className={`${td} font-mono text-xs ${r.changed ? "text-red-800 dark:text-red-300" : ""}`}>{r.a}</td>
              <td className={`${td} font-mono text-xs ${r.changed ? "text-emerald-800 dark:text-emerald-300" : ""}`}>
                {r.b}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
