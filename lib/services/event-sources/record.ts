import type { EventSourceMapping } from "@/lib/generated/prisma/client";
import type { FilterCriteria } from "@/lib/services/event-sources/schemas";

/** An event source mapping, with its function's name. */
export interface MappingRecord {
  id: string;
  functionId: string;
  functionName: string;
  /** The qualifier it invokes ("$LATEST" when none was given). */
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

export function toMappingRecord(row: EventSourceMapping & { fn: { name: string } }): MappingRecord {
  return {
    id: row.id,
    functionId: row.functionId,
    functionName: row.fn.name,
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
