import type { MessageAttributes } from "@/lib/message-queues/attributes";
/** The asynchronous queue's job, as pg-boss stores it, and how the queue is set up. */
import type pg from "pg";
import type { Invoker } from "@/lib/invoke/invoker";
import type { Logger } from "@/lib/log";

export interface AsyncJob {
  trigger?: "async" | "schedule";
  functionName: string;
  functionId: string;
  /** The version that was chosen when the event was accepted (an alias's weights are applied once); absent: $LATEST. */
  version?: string;
  /** The qualifier it was invoked with (an alias, a version): whose EventInvokeConfig applies; absent: $LATEST. */
  qualifier?: string;
  requestId: string;
  payload: string;
  attempt: number;
  throttles: number;
  enqueuedAt: number;
  /** The trace the event joins (its caller's; absent: one of its own, from the request id) and its parent span. */
  trace?: { traceId: string; parentSpanId: string | null };
}

export interface DurableAsyncOptions {
  url: string;
  pool: pg.Pool;
  invoker: Invoker;
  /** Delay before retry n (Lambda: 60 s, then 120 s). */
  retryDelaysSeconds: number[];
  concurrency: number;
  /** Writes pending invocation records now (a finished job must never lose its record). */
  flushRecords: () => Promise<void>;
  /** Whether an invocation record is still waiting in this server's memory. */
  recordPending: (requestId: string, attempt: number) => boolean;
  /** Sends a destination record to a queue (an SQS ARN destination). False if the queue does not exist. */
  sendToQueue?: (queueName: string, body: string, attributes?: MessageAttributes) => Promise<boolean>;
  log: Logger;
}
