/** What the OTLP export gets from the record writer and from Express executions (lib/traces/otlp.ts). */
import type { InvocationRecord } from "@/lib/logs/writer";
import { recordSpans } from "@/lib/traces/invocation-spans";
import type { OtlpExport } from "@/lib/traces/otlp";
import type { TraceSpan } from "@/lib/traces/types";
import { workflowSpans } from "@/lib/traces/workflow-spans";
import type { ExecutionInfo } from "@/lib/workflows/engine/context";
import type { ExpressResult } from "@/lib/workflows/engine/express";

export function exportRecords(otlp: OtlpExport, records: InvocationRecord[]): void {
  for (const r of records) if (r.traceId) otlp.push(r.traceId, recordSpans(r));
}

export function expressSpans(info: Omit<ExecutionInfo, "region">, r: ExpressResult): TraceSpan[] {
  return workflowSpans(
    {
      id: info.id,
      stateMachine: info.stateMachineName,
      name: info.name,
      status: r.status,
      error: r.error ?? null,
      startedAt: info.startedAt,
      stoppedAt: r.stoppedAt,
    },
    r.events,
  );
}
