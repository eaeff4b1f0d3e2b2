/**
 * Sends one message to a queue by name on the platform's behalf (an asynchronous invocation's
 * destination record, or its event for a function's DeadLetterConfig), under SendMessage's rules; a FIFO queue gets it in one message group, each
 * record its own deduplication id. False when the queue does not exist; a record the queue
 * refuses (larger than its MaximumMessageSize) is an error.
 */
import { randomUUID } from "node:crypto";
import { messageProblem, type OutgoingMessage } from "@/lib/message-queues/message-rules";
import type { QueueRuntime } from "@/lib/message-queues/runtime";
import type { MessageAttributes } from "@/lib/message-queues/attributes";

export async function sendToQueue(
  rt: QueueRuntime,
  name: string,
  body: string,
  attributes?: MessageAttributes,
): Promise<boolean> {
  const q = await rt.directory.get(name);
  if (!q) return false;
  const base: OutgoingMessage = attributes ? { body, attributes } : { body };
  const m: OutgoingMessage = q.fifo ? { ...base, groupId: "nimbus-destinations", dedupId: randomUUID() } : base;
  const problem = messageProblem(m, { ...q, maxDelaySec: rt.limits.maxDelaySec });
  if (problem) throw problem;
  await rt.store.send(q, [m]);
  return true;
}
