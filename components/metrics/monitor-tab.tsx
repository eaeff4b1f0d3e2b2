"use client";
/** Placeholder: replaced by the Monitor tab (charts, cost panel). */
export function MonitorTab({ functionName }: { functionName: string }) {
  return <p className="text-sm text-slate-500">Monitoring for {functionName} is coming.</p>;
}
