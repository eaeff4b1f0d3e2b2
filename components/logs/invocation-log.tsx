"use client";
import { Button } from "@/components/ui/button";
import { ErrorState, Loading } from "@/components/ui/states";
import { formatMs } from "@/lib/format";
import { CopyButton } from "@/components/logs/copy-button";
import { ConnectionsTable } from "@/components/logs/connections-table";
import type { InvocationLog as InvocationLogJson } from "@/lib/queries/invocations";
import { lineKind, parseReportLine, type LineKind } from "@/components/logs/report-line";

const kindStyle: Record<LineKind, string> = {
  platform: "text-slate-500 dark:text-slate-400",
  error: "bg-red-50 text-red-800 border-l-2 border-red-500 dark:bg-red-950/60 dark:text-red-200",
  warn: "bg-amber-50/70 text-amber-900 border-l-2 border-amber-400 dark:bg-amber-950/40 dark:text-amber-200",
  info: "text-slate-800 dark:text-slate-100",
  debug: "text-slate-500 dark:text-slate-400",
};

function Summary({ lines }: { lines: string[] }) {
  // The last attempt's REPORT: what a retried request finally did.
  const report = lines
    .map(parseReportLine)
    .filter((r) => r !== null)
    .at(-1);
  if (!report) return null;
  const facts: Array<[string, string]> = [
    ["Duration", formatMs(report.durationMs)],
    ["Billed", `${report.billedDurationMs} ms`],
    ["Memory", `${report.maxMemoryUsedMb} / ${report.memorySizeMb} MB`],
  ];
  if (report.initDurationMs !== null) facts.push(["Init (cold start)", formatMs(report.initDurationMs)]);
  if (report.status)
    facts.push(["Status", report.errorType ? `${report.status} (${report.errorType})` : report.status]);
  return (
    <dl className="flex flex-wrap gap-x-6 gap-y-1 text-xs">
      {facts.map(([k, v]) => (
        <div key={k} className="flex gap-1.5">
          <dt className="text-slate-500 dark:text-slate-400">{k}</dt>
          <dd className="font-medium tabular-nums">{v}</dd>
        </div>
      ))}
    </dl>
  );
}

/** One invocation's full log (START/END/REPORT included), its outbound connections, the request id and copy buttons. */
export function InvocationLog({
  requestId,
  lines,
  connections,
  isLoading,
  error,
  retry,
  onClose,
}: {
  requestId: string;
  lines: string[] | undefined;
  connections?: InvocationLogJson["connections"];
  isLoading: boolean;
  error: unknown;
  retry: () => void;
  onClose: () => void;
}) {
  return (
    <section
      aria-label={`Log of request ${requestId}`}
      className="space-y-3 rounded-md border border-slate-200 bg-slate-50 p-3 dark:border-slate-700 dark:bg-slate-950"
    >
      <header className="flex flex-wrap items-center gap-2">
        <span className="text-xs text-slate-500 dark:text-slate-400">Request ID</span>
        <code className="rounded bg-white px-1.5 py-0.5 font-mono text-xs dark:bg-slate-900">{requestId}</code>
        <CopyButton text={requestId} label="Copy ID" />
        {lines ? <CopyButton text={lines.join("\n")} label="Copy log" /> : null}
        <Button variant="ghost" className="ml-auto px-2 py-1 text-xs" onClick={onClose}>
          Close
        </Button>
      </header>
      {isLoading ? (
        <Loading label="Loading log…" />
      ) : error ? (
        <ErrorState error={error} retry={retry} />
      ) : lines ? (
        <>
          <Summary lines={lines} />
          <ol
            style={{ tabSize: 4 }}
            className={
              "max-h-[32rem] overflow-auto rounded border border-slate-200 bg-white py-1 font-mono text-xs " +
              "leading-5 dark:border-slate-800 dark:bg-slate-900"
            }
          >
            {lines.map((line, i) => {
              const kind = lineKind(line);
              return (
                // biome-ignore lint/suspicious/noArrayIndexKey: a log's lines never reorder and can repeat
                <li key={i} className={`px-3 whitespace-pre-wrap break-all ${kindStyle[kind]}`}>
                  {kind === "error" ? <span className="sr-only">Error: </span> : null}
                  {line}
                </li>
              );
            })}
          </ol>
          {connections ? <ConnectionsTable items={connections.items} total={connections.total} /> : null}
        </>
      ) : null}
    </section>
  );
}
