import type { EventSourceMapping } from "@/lib/generated/prisma/client";
import type { FilterCriteria } from "@/lib/services/event-sources/schemas";

/** An event source mapping, with its target's name: a function's, or a state machine's. */
export interface MappingRecord {
  id: string;
  /** The function a batch invokes (null when the mapping feeds a state machine). */
  functionId: string | null;
  functionName: string | null;
  /** The state machine each batch starts or runs (null when the mapping feeds a function). */
  stateMachineName: string | null;
  /** The qualifier it invokes ("$LATEST" when none was given, and for a state machine). */
  qualifier: string;
  queueName: string;
  batchSize: number;
  maxBatchingWindowSec: number;
  reportBatchItemFailures: boolean;
  filterCriteria: FilterCriteria | null;
  maxConcurrency: number | null;
  enabled: boolean;
  state: string;
  stateTransitionReason: string;
  lastProcessingResult: string;
  lastError: string | null;
  lastProcessedAt: Date | null;
  updatedAt: Date;
}

/** What every read of a mapping includes: its target's name. */
export const MAPPING_INCLUDE = {
  fn: { select: { name: true } },
  stateMachine: { select: { name: true } },
} as const;

type MappingRow = EventSourceMapping & { fn: { name: string } | null; stateMachine: { name: string } | null };

export function toMappingRecord(row: MappingRow): MappingRecord {
  return {
    id: row.id,
    functionId: row.functionId,
    functionName: row.fn?.name ?? null,
    stateMachineName: row.stateMachine?.name ?? null,
    qualifier: row.qualifier ?? "$LATEST",
    queueName: row.queueName,
    batchSize: row.batchSize,
    maxBatchingWindowSec: row.maxBatchingWindowSec,
    reportBatchItemFailures: row.reportBatchItemFailures,
    filterCriteria: (row.filterCriteria as FilterCriteria | null) ?? null,
    maxConcurrency: row.maxConcurrency,
    enabled: row.enabled,
    state: row.state,
    stateTransitionReason: row.stateTransitionReason,
    lastProcessingResult: row.lastProcessingResult,
    lastError: row.lastError,
    lastProcessedAt: row.lastProcessedAt,
    updatedAt: row.updatedAt,
  };
}
