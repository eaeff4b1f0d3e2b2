"use client";
import Link from "next/link";
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/logs/copy-button";
import { formatTime } from "@/components/logs/filters";
import { formatMs } from "@/lib/format";
import type { TraceSpan } from "@/lib/queries/traces";
import { barClass, kindStyle } from "@/components/traces/span-style";

const enc = encodeURIComponent;
const linkClass =
  "inline-flex items-center rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium " +
  "text-slate-800 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-orange-500 " +
  "dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100 dark:hover:bg-slate-700";

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[6.5rem_minmax(0,1fr)] gap-2">
      <dt className="text-slate-500 dark:text-slate-400">{label}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </div>
  );
}

const attributeText = (v: string | number | boolean) => (typeof v === "string" ? v : JSON.stringify(v));

/** One span: what it was, when, for how long, its attributes, and where to read more. */
export function SpanDetails({
  span,
  traceStartMs,
  logsOpen,
  onToggleLogs,
  onClose,
}: {
  span: TraceSpan;
  traceStartMs: number;
  logsOpen: boolean;
  onToggleLogs: () => void;
  onClose: () => void;
}) {
  const kind = kindStyle(span.kind);
  const attributes = Object.entries(span.attributes ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const exec = span.execution;
  return (
    <section
      aria-label={`Span ${span.name}`}
      className={
        "space-y-4 rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm " +
        "dark:border-slate-800 dark:bg-slate-900"
      }
    >
      <header className="space-y-2">
        <div className="flex items-center gap-2">
          <span aria-hidden className={`h-3 w-3 shrink-0 rounded-sm ${barClass(span)}`} />
          <Badge title={kind.about}>{kind.label}</Badge>
          {span.status === "error" ? <Badge tone="error">Error</Badge> : <Badge tone="success">OK</Badge>}
          <Button variant="ghost" className="ml-auto px-2 py-1 text-xs" onClick={onClose}>
            Close
          </Button>
        </div>
        <h2 className="text-base font-semibold break-all">{span.name}</h2>
      </header>

      <dl className="space-y-1.5">
        <Fact label="Service">{span.service}</Fact>
        <Fact label="Duration">
          <span className="font-medium tabular-nums">{formatMs(span.durationMs)}</span>
        </Fact>
        <Fact label="Started">
          <span className="tabular-nums">{formatTime(new Date(span.startMs).toISOString())}</span>
          <span className="block text-xs text-slate-500 tabular-nums dark:text-slate-400">
            +{formatMs(span.startMs - traceStartMs)} into the trace
          </span>
        </Fact>
        <Fact label="Span ID">
          <code className="font-mono text-xs">{span.spanId}</code>
        </Fact>
        {span.parentSpanId ? (
          <Fact label="Parent">
            <code className="font-mono text-xs">{span.parentSpanId}</code>
          </Fact>
        ) : null}
        {span.requestId ? (
          <Fact label="Request ID">
            <code className="font-mono text-xs break-all">{span.requestId}</code>
            <CopyButton text={span.requestId} label="Copy" className="ml-1" />
          </Fact>
        ) : null}
      </dl>

      {span.requestId || span.functionName || exec ? (
        <nav aria-label="About this span" className="flex flex-wrap gap-2">
          {span.requestId ? (
            <Button aria-expanded={logsOpen} aria-controls="span-log" onClick={onToggleLogs}>
              {logsOpen ? "Hide logs" : "Logs"}
            </Button>
          ) : null}
          {span.functionName ? (
            <Link href={`/functions/${enc(span.functionName)}`} className={linkClass}>
              Function {span.functionName}
            </Link>
          ) : null}
          {exec ? (
            <Link href={`/state-machines/${enc(exec.stateMachine)}/executions/${enc(exec.name)}`} className={linkClass}>
              Execution {exec.name}
            </Link>
          ) : null}
        </nav>
      ) : null}

      <div>
        <h3 className="mb-1.5 text-xs font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-300">
          Attributes
        </h3>
        {attributes.length === 0 ? (
          <p className="text-slate-500 dark:text-slate-400">None.</p>
        ) : (
          <dl className="divide-y divide-slate-100 rounded border border-slate-200 font-mono text-xs dark:divide-slate-800 dark:border-slate-800">
            {attributes.map(([k, v]) => (
              <div key={k} className="px-2 py-1">
                <dt className="text-slate-500 dark:text-slate-400">{k}</dt>
                <dd className="break-all whitespace-pre-wrap">{attributeText(v)}</dd>
              </div>
            ))}
          </dl>
        )}
      </div>
    </section>
  );
}
