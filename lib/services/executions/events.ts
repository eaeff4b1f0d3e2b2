/** History events as rows come back: in Step Functions' HistoryEvent shape. */
import type { WorkflowEvent } from "@/lib/generated/prisma/client";
import type { HistoryEvent } from "@/lib/workflows/engine/history";

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
