import type { Admission } from "@/lib/invoke/admission";
import type { Invoker } from "@/lib/invoke/invoker";
import type { Logger } from "@/lib/log";
import type { QueueRuntime } from "@/lib/message-queues/runtime";
import type { Pattern } from "@/lib/event-sources/filter";

export interface FunctionTarget {
  kind: "function";
  name: string;
  /** null: $LATEST. */
  qualifier: string | null;
}

export interface StateMachineTarget {
  kind: "stateMachine";
  name: string;
  /** An Express machine runs each batch to its end; a Standard one starts an execution per batch. */
  express: boolean;
}

/** An enabled mapping as its pollers run it. */
export interface ActiveMapping {
  id: string;
  target: FunctionTarget | StateMachineTarget;
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
  /** What state machine targets need (absent: their batches wait, reported as a problem). */
  workflows?: WorkflowPort;
}

export interface WorkflowPort {
  /**
   * Starts a Standard execution of `machine` with `input`, running `claim` (the batch's delete) in
   * the same transaction: false, and nothing started, when the claim took no message.
   */
  startClaimed(machine: string, input: string, claim: { sql: string; params: unknown[] }): Promise<boolean>;
  /** Runs an Express execution to its end. */
  runExpress(
    machine: string,
    input: string,
  ): Promise<{ status: string; output?: string; error?: string; cause?: string }>;
}

/** Pollers per mapping when ScalingConfig leaves it out (per cluster, through the admission pool). */
export const DEFAULT_MAX_CONCURRENCY = 10;
