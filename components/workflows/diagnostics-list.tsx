import type { DefinitionDiagnostic } from "@/lib/queries/state-machines";
import { diagnosticPlace } from "@/components/workflows/definition-markers";

/** Under the editor: checking, valid, or each problem with where it is (the editor marks the same lines). */
export function DiagnosticsList({
  diagnostics,
  valid,
  checking,
  error,
}: {
  diagnostics: readonly DefinitionDiagnostic[];
  valid: boolean | null;
  checking: boolean;
  error: unknown;
}) {
  return (
    <div data-testid="definition-diagnostics" aria-live="polite" className="text-sm">
      {error ? (
        <p className="text-red-700 dark:text-red-400">
          The definition could not be checked: {error instanceof Error ? error.message : "the server did not answer"}
        </p>
      ) : diagnostics.length === 0 ? (
        <p className={valid ? "text-emerald-700 dark:text-emerald-400" : "text-slate-500 dark:text-slate-400"}>
          {checking ? "Checking…" : valid ? "✓ The definition is valid." : "Type a definition to check it."}
        </p>
      ) : (
        <>
          <p className="mb-1 font-medium text-red-700 dark:text-red-400">
            {diagnostics.length === 1 ? "1 problem" : `${diagnostics.length} problems`}
            {checking ? <span className="ml-2 font-normal text-slate-500">checking…</span> : null}
          </p>
          <ul className="max-h-48 space-y-1 overflow-auto rounded-md border border-red-200 bg-red-50 p-2 dark:border-red-900 dark:bg-red-950/50">
            {diagnostics.map((d) => (
              <li key={`${d.path}|${d.code}|${d.message}`} className="flex gap-2 text-red-900 dark:text-red-100">
                <span className="shrink-0 font-mono text-xs leading-5 text-red-700 dark:text-red-300">
                  {diagnosticPlace(d)}
                </span>
                <span className="min-w-0 break-words">
                  {d.message} <span className="font-mono text-xs text-red-600 dark:text-red-400">{d.code}</span>
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
