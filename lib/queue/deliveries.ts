/**
 * Where a finished event goes besides its record: the function's DeadLetterConfig queue, and its
 * on-success or on-failure destination (a function, invoked asynchronously, or a queue).
 */
import { randomUUID } from "node:crypto";
import type { InvokeResult } from "@/lib/executor/types";
import type { ResolvedFunction } from "@/lib/invoke/resolver";
import { queueNameOfArn } from "@/lib/message-queues/arn";
import { destinationRecord, type DestinationCondition } from "@/lib/queue/destination";
import type { AsyncJob, DurableAsyncOptions } from "@/lib/queue/types";
import { invocationSpanIds, type TraceContext, traceIdFromRequestId } from "@/lib/traces/context";

type Options = Pick<DurableAsyncOptions, "invoker" | "sendToQueue" | "log">;
/** Queues an asynchronous call of a function (DurableAsyncQueue.enqueue). */
type Enqueue = (
  fn: ResolvedFunction,
  payload: Buffer,
  requestId: string,
  qualifier: string,
  trace: TraceContext,
) => Promise<unknown>;

/**
 * The function's DeadLetterConfig queue gets the event itself, with Lambda's attributes (RequestID,
 * ErrorCode, ErrorMessage), besides any on-failure destination. False when it has none (or it is gone).
 */
export async function sendToDeadLetterQueue(
  o: Options,
  fn: ResolvedFunction,
  job: AsyncJob,
  result: InvokeResult | null,
): Promise<boolean> {
  const arn = fn.record.deadLetterTargetArn;
  if (!arn || !o.sendToQueue) return false;
  const attributes = {
    RequestID: { DataType: "String", StringValue: job.requestId },
    ErrorCode: { DataType: "Number", StringValue: "200" },
    ErrorMessage: {
      DataType: "String",
      StringValue: (result?.error?.errorMessage ?? "Event expired").slice(0, 1000),
    },
  };
  return o.sendToQueue(queueNameOfArn(arn) ?? "", job.payload, attributes).catch((err: Error) => {
    o.log.warn(`dead-letter queue ${arn} of ${fn.record.name} refused the event: ${err.message}`);
    return false;
  });
}

/** Sends the destination record to a function (asynchronously) or a queue. False if it does not exist. */
export async function deliverToDestination(
  o: Options,
  enqueue: Enqueue,
  destination: string,
  fn: ResolvedFunction,
  job: AsyncJob,
  condition: DestinationCondition,
  result: InvokeResult | null,
): Promise<boolean> {
  const queue = queueNameOfArn(destination);
  let target: ResolvedFunction | null = null;
  if (!queue) target = await o.invoker.resolve(destination).catch(() => null);
  const record = destinationRecord({
    requestId: job.requestId,
    functionArn: `${o.invoker.arnOf(fn.record.name)}:${job.qualifier ?? "$LATEST"}`,
    executedVersion: fn.record.version,
    condition,
    approximateInvokeCount: result ? job.attempt : job.attempt - 1,
    payload: job.payload,
    result,
  });
  const delivered = target
    ? await enqueue(target, Buffer.from(JSON.stringify(record)), randomUUID(), "$LATEST", {
        // The destination's call continues the event's trace, after its last attempt.
        traceId: job.trace?.traceId ?? traceIdFromRequestId(job.requestId),
        parentSpanId: invocationSpanIds(job.requestId, Math.max(1, result ? job.attempt : job.attempt - 1)).request,
        sampled: null,
      }).then(() => true)
    : queue && o.sendToQueue
      ? await o.sendToQueue(queue, JSON.stringify(record))
      : false;
  if (!delivered)
    o.log.warn(`destination ${destination} of ${fn.record.name} does not exist`, { requestId: job.requestId });
  return delivered;
}
