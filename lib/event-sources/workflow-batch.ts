/**
 * One batch into a state machine, with the event a function would get ({"Records": [...]}) as
 * the execution's input.
 * - Standard: the execution starts and the batch's messages are deleted in one transaction, so a
 *   batch starts exactly one execution whatever stops the server: no message is gone without its
 *   execution, and a batch received again elsewhere meanwhile (its receipts stale) starts nothing.
 * - Express: the execution runs while the messages are in flight; its output is handed back to be
 *   settled like a function's (ReportBatchItemFailures reads `batchItemFailures` from it); a failed
 *   or timed-out execution leaves every message to come back.
 */
import type { SqsRecord } from "@/lib/event-sources/records";
import type { ActiveMapping, PollerDeps, StateMachineTarget } from "@/lib/event-sources/types";
import { deleteStatement } from "@/lib/message-queues/delete";
import type { QueueEntry } from "@/lib/message-queues/directory";
import { receiptOf } from "@/lib/message-queues/receipt";

/** The Express execution's output to settle the batch with, or null when nothing is left to do. */
export async function runWorkflowBatch(
  d: PollerDeps,
  m: ActiveMapping,
  target: StateMachineTarget,
  q: QueueEntry,
  records: SqsRecord[],
  payload: Buffer,
): Promise<Buffer | null> {
  if (!d.workflows) {
    d.report(m.id, "PROBLEM: Workflows are not running on this server");
    return null;
  }
  const input = payload.toString("utf8");
  try {
    if (!target.express) {
      const claim = deleteStatement(
        q,
        records.map((r) => receiptOf(r.receiptHandle)),
      );
      const started = await d.workflows.startClaimed(target.name, input, claim);
      if (started) d.queues.store.counted(q.id, "deleted", records.length);
      d.report(m.id, started ? "OK" : "OK (the batch was received again meanwhile: it started nothing)");
      return null;
    }
    const run = await d.workflows.runExpress(target.name, input);
    if (run.status !== "SUCCEEDED") {
      d.report(
        m.id,
        `PROBLEM: Execution ${run.status}`,
        [run.error, run.cause].filter(Boolean).join(": ") || run.status,
      );
      return null;
    }
    return Buffer.from(run.output ?? "null");
  } catch (err) {
    const message = (err as Error).message;
    d.report(m.id, `PROBLEM: ${message.slice(0, 200)}`, message);
    return null;
  }
}
