import type { Admission } from "@/lib/invoke/admission";
import type { Invoker } from "@/lib/invoke/invoker";
import type { Logger } from "@/lib/log";
import type { QueueRuntime } from "@/lib/message-queues/runtime";
import type { Pattern } from "@/lib/event-sources/filter";

/** An enabled mapping as its pollers run it. */
export interface ActiveMapping {
  id: string;
  functionName: string;
  /** null: $LATEST. */
  qualifier: string | null;
  queueName: string;
  batchSize: number;
  maxBatchingWindowSec: number;
  reportBatchItemFailures: boolean;
  filters: Pattern[];
  maxConcurrency: number;
  /** Changes when the mapping does: a changed mapping's pollers are replaced. */
  version: string;
}

export interface PollerDeps {
  queues: QueueRuntime;
  invoker: Invoker;
  admission: Admission;
  region: string;
  accountId: string;
  log: Logger;
  /** Writes the invocation records pending (a batch is deleted only once its record is stored). */
  flushRecords(): Promise<void>;
  /** The last batch's result, for the mapping's LastProcessingResult (written at most once a second). */
  report(mappingId: string, result: string, error?: string): void;
}

/** Pollers per mapping when ScalingConfig leaves it out (per cluster, through the admission pool). */
export const DEFAULT_MAX_CONCURRENCY = 10;
