/**
 * One batch through its target: messages no filter matches are deleted (as Lambda does for
 * SQS), the rest go to the function (or state machine: workflow-batch.ts) as one SQS event; on
 * success they are deleted — all of them, or all but the ReportBatchItemFailures the function
 * listed — and on failure none is, so they come back after the queue's visibility timeout (and
 * reach the dead-letter queue after its maxReceiveCount). The invocation is recorded with the queue and the batch size, and the record
 * is written before the messages are deleted: a message gone from its queue was handled and shows
 * in the function's records, whatever stops the server afterwards.
 */
import { randomUUID } from "node:crypto";
import { AppError } from "@/lib/errors";
import { matches } from "@/lib/event-sources/filter";
import { failedItems, filterView, sqsRecord, type SqsRecord } from "@/lib/event-sources/records";
import type { ActiveMapping, FunctionTarget, PollerDeps } from "@/lib/event-sources/types";
import { runWorkflowBatch } from "@/lib/event-sources/workflow-batch";
import type { QueueEntry } from "@/lib/message-queues/directory";
import { receiptOf } from "@/lib/message-queues/receipt";
import type { ReceivedMessage } from "@/lib/message-queues/types";
import { MAX_SYNC_PAYLOAD_BYTES } from "@/lib/invoke/invoker";
import { queueArn } from "@/lib/message-queues/arn";

/** How long a throttled batch waits before its function is asked again (it stays in flight meanwhile). */
const THROTTLE_BACKOFF_MS = [100, 250, 500, 1000, 2000];

export async function runBatch(
  d: PollerDeps,
  m: ActiveMapping,
  q: QueueEntry,
  got: ReceivedMessage[],
  stopped: () => boolean,
): Promise<void> {
  const arn = queueArn(d.region, d.accountId, q.name);
  const all = got.map((msg) => sqsRecord(msg, { arn, region: d.region, accountId: d.accountId, fifo: q.fifo }));
  // One pass: what no filter pattern matches is deleted without invoking (a batch may hold 10,000).
  const keep: SqsRecord[] = [];
  const dropped: SqsRecord[] = [];
  for (const r of all) {
    const kept = !m.filters.length || m.filters.some((p) => matches(p, filterView(r)));
    (kept ? keep : dropped).push(r);
  }
  if (dropped.length)
    await d.queues.store.delete(
      q,
      dropped.map((r) => receiptOf(r.receiptHandle)),
    );
  const fitted = await withinPayloadLimit(d, q, keep);
  if (!fitted) return;
  const { records, payload } = fitted;

  let output: Buffer;
  if (m.target.kind === "stateMachine") {
    const ran = await runWorkflowBatch(d, m, m.target, q, records, payload);
    if (!ran) return; // started (its messages went with it) or failed (they come back)
    output = ran;
  } else {
    // Past the visibility timeout the messages are handed out again: a throttled batch gives up before.
    const until = Date.now() + q.visibilityTimeoutSec * 1000 - 1000;
    const result = await invokeWithRetry(
      d,
      m,
      m.target,
      arn,
      payload,
      records.length,
      () => stopped() || Date.now() > until,
    );
    if (!result) return; // stopped while throttled: the messages come back after their timeout
    if (result.outcome !== "Success") {
      d.report(m.id, "PROBLEM: Function call failed", result.error?.errorMessage ?? result.outcome);
      return;
    }
    output = result.payload;
  }
  const ids = new Set(records.map((r) => r.messageId));
  const failed = m.reportBatchItemFailures ? failedItems(output, ids) : new Set<string>();
  if (failed === "all") {
    d.report(m.id, "PROBLEM: Function call failed", "The batchItemFailures response names an item not in the batch");
    return;
  }
  if (q.fifo) holdBackAfterFailures(records, failed);
  const done = records.filter((r) => !failed.has(r.messageId));
  // Unwritable records (the database is down): nothing is deleted, the batch comes back later.
  await d.flushRecords();
  if (done.length)
    await d.queues.store.delete(
      q,
      done.map((r) => receiptOf(r.receiptHandle)),
    );
  d.report(m.id, failed.size ? `OK (${failed.size} of ${records.length} reported as failed)` : "OK");
}

/**
 * In a FIFO queue a message group's order holds across failures: after a failed message, the ones
 * of its group behind it in the batch count as failed too (they come back with it), as on Lambda.
 */
function holdBackAfterFailures(records: SqsRecord[], failed: Set<string>): void {
  const stopped = new Set<string>();
  for (const r of records) {
    const group = r.attributes.MessageGroupId ?? "";
    if (stopped.has(group)) failed.add(r.messageId);
    else if (failed.has(r.messageId)) stopped.add(group);
  }
}

/**
 * A batch's event is at most a synchronous invocation's payload (one record at least); what does not
 * fit goes back at once. Each record is serialized once: the event is written from those pieces.
 */
async function withinPayloadLimit(
  d: PollerDeps,
  q: QueueEntry,
  records: SqsRecord[],
): Promise<{ records: SqsRecord[]; payload: Buffer } | null> {
  if (!records.length) return null;
  const parts: string[] = [];
  let bytes = '{"Records":[]}'.length;
  for (const r of records) {
    const text = JSON.stringify(r);
    const size = Buffer.byteLength(text) + (parts.length ? 1 : 0);
    if (parts.length && bytes + size > MAX_SYNC_PAYLOAD_BYTES) break;
    parts.push(text);
    bytes += size;
  }
  const rest = records.slice(parts.length);
  if (rest.length)
    await d.queues.store.changeVisibility(
      q.id,
      rest.map((r) => ({ ...receiptOf(r.receiptHandle), timeoutSec: 0 })),
    );
  return { records: records.slice(0, parts.length), payload: Buffer.from(`{"Records":[${parts.join(",")}]}`) };
}

async function invokeWithRetry(
  d: PollerDeps,
  m: ActiveMapping,
  target: FunctionTarget,
  arn: string,
  payload: Buffer,
  batchSize: number,
  stopped: () => boolean,
) {
  for (let attempt = 0; ; attempt++) {
    try {
      const fn = await d.invoker.resolve(target.name, target.qualifier);
      return await d.invoker.run(fn, payload, {
        requestId: randomUUID(),
        trigger: "sqs",
        qualifier: target.qualifier ?? undefined,
        eventSource: { arn, batchSize },
      });
    } catch (err) {
      // The function's concurrency is used up: wait and ask again while the batch is in flight.
      if (!(err instanceof AppError) || err.code !== "TooManyRequestsException" || stopped()) {
        if (!(err instanceof AppError && err.code === "TooManyRequestsException"))
          d.report(m.id, `PROBLEM: ${(err as Error).message.slice(0, 200)}`, (err as Error).message);
        return null;
      }
      await new Promise((r) => setTimeout(r, THROTTLE_BACKOFF_MS[Math.min(attempt, THROTTLE_BACKOFF_MS.length - 1)]));
    }
  }
}
