/** History events as rows, and back in Step Functions' HistoryEvent shape. */
import type { Prisma, WorkflowEvent } from "@/lib/generated/prisma/client";
import type { HistoryEvent } from "@/lib/workflows/engine/history";

export function eventRows(events: HistoryEvent[]) {
  return events.map((e) => ({
    id: e.id,
    previousEventId: e.previousEventId,
    type: e.type,
    timestamp: e.timestamp,
    details: { member: e.member, details: e.details } as Prisma.InputJsonValue,
  }));
}

/** An event as the verbs return it: the engine's own shape. */
export type HistoryEventRecord = HistoryEvent;

export function toHistoryEvent(row: WorkflowEvent): HistoryEventRecord {
  const d = (row.details ?? {}) as { member?: string | null; details?: Record<string, unknown> | null };
  return {
    id: row.id,
    previousEventId: row.previousEventId,
    type: row.type,
    timestamp: row.timestamp,
    member: d.member ?? null,
    details: d.details ?? null,
  };
}
