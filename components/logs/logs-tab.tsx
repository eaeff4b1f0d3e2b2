"use client";
/** Placeholder: replaced by the Logs tab (invocations, log lines, search, live tail). */
export function LogsTab({ functionName }: { functionName: string }) {
  return <p className="text-sm text-slate-500">Logs for {functionName} are coming.</p>;
}
