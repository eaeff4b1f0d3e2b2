/**
 * SQS's message operations, on the message store (lib/message-queues) with the queue from the
 * directory's cache: no control-plane read on the way.
 */
import { AppError } from "@/lib/errors";
import type { QueueEntry } from "@/lib/message-queues/directory";
import { queueError } from "@/lib/message-queues/errors";
import { messageProblem, type OutgoingMessage } from "@/lib/message-queues/message-rules";
import type { SentMessage } from "@/lib/message-queues/send";
import { queueNotFound } from "@/lib/services/queues/get";
import { sqsErrorOf } from "@/lib/aws/sqs/errors";
import { outgoingOf, receivedShape } from "@/lib/aws/sqs/message-shapes";
import type { SqsAction, SqsCall } from "@/lib/aws/sqs/types";
import {
  batchEntries,
  optionalInt,
  queueNameIn,
  receiptIn,
  required,
  stringList,
  type Input,
} from "@/lib/aws/sqs/wire";

/** The batch total SQS allows (bodies and attributes of every entry). */
const MAX_BATCH_BYTES = 1_048_576;

async function queueOf(c: SqsCall): Promise<QueueEntry> {
  const name = queueNameIn(c.input);
  const q = await c.platform.queues.directory.get(name);
  if (!q) throw queueNotFound(name);
  return q;
}

const rulesOf = (c: SqsCall, q: QueueEntry) => ({ ...q, maxDelaySec: c.platform.queues.limits.maxDelaySec });

async function send(c: SqsCall, q: QueueEntry, messages: OutgoingMessage[]): Promise<SentMessage[]> {
  try {
    return await c.platform.queues.store.send(q, messages);
  } catch (err) {
    // The queue was deleted since the directory read it.
    if ((err as { code?: string }).code === "23503") {
      c.platform.queues.directory.forget(q.name);
      throw queueNotFound(q.name);
    }
    throw err;
  }
}

function sentShape(s: SentMessage): Record<string, unknown> {
  return {
    MessageId: s.messageId,
    MD5OfMessageBody: s.md5OfBody,
    ...(s.md5OfAttributes ? { MD5OfMessageAttributes: s.md5OfAttributes } : {}),
    ...(s.sequenceNumber ? { SequenceNumber: s.sequenceNumber } : {}),
  };
}

/** A batch entry's failure, as SQS lists it. */
function failed(id: string, err: unknown): Record<string, unknown> {
  const e = err instanceof AppError ? err : new AppError("ServiceException", "internal error");
  return { Id: id, SenderFault: e.status < 500, Code: sqsErrorOf(e).query, Message: e.message };
}

const sendMessage: SqsAction = async (c) => {
  const q = await queueOf(c);
  const m = outgoingOf(c.input, c.platform.queues.limits.maxDelaySec);
  const problem = messageProblem(m, rulesOf(c, q));
  if (problem) throw problem;
  return sentShape((await send(c, q, [m]))[0]!);
};

const sendMessageBatch: SqsAction = async (c) => {
  const q = await queueOf(c);
  const entries = batchEntries(c.input);
  const failures: Record<string, unknown>[] = [];
  const accepted: Array<{ id: string; m: OutgoingMessage }> = [];
  let bytes = 0;
  for (const e of entries) {
    const id = e.Id as string;
    try {
      const m = outgoingOf(e, c.platform.queues.limits.maxDelaySec);
      bytes += Buffer.byteLength(m.body);
      const problem = messageProblem(m, rulesOf(c, q));
      // A FIFO entry without its group or deduplication id fails the whole request, as on SQS.
      if (problem && q.fifo && /MessageGroupId|ContentBasedDeduplication/.test(problem.message)) throw problem;
      if (problem) failures.push(failed(id, problem));
      else accepted.push({ id, m });
    } catch (err) {
      if (q.fifo) throw err;
      failures.push(failed(id, err));
    }
  }
  if (bytes > MAX_BATCH_BYTES)
    throw queueError(
      "BatchRequestTooLong",
      `Batch requests cannot be longer than ${MAX_BATCH_BYTES} bytes. You have sent ${bytes} bytes.`,
    );
  const sent = accepted.length
    ? await send(
        c,
        q,
        accepted.map((a) => a.m),
      )
    : [];
  const out: Record<string, unknown> = {};
  if (sent.length) out.Successful = sent.map((s, i) => ({ Id: accepted[i]!.id, ...sentShape(s) }));
  if (failures.length) out.Failed = failures;
  return out;
};

const receiveMessage: SqsAction = async (c) => {
  const q = await queueOf(c);
  const { limits } = c.platform.queues;
  const max = optionalInt(c.input, "MaxNumberOfMessages", 1, 10) ?? 1;
  const visibilityTimeoutSec = optionalInt(c.input, "VisibilityTimeout", 0, limits.maxVisibilitySec);
  const waitSec = optionalInt(c.input, "WaitTimeSeconds", 0, 20) ?? q.receiveWaitSec;
  const system = [...stringList(c.input, "AttributeNames"), ...stringList(c.input, "MessageSystemAttributeNames")];
  const attributes = stringList(c.input, "MessageAttributeNames");
  const socket = c.req.socket;
  const got = await c.platform.queues.store.receive(q, {
    max,
    visibilityTimeoutSec,
    waitSec,
    gone: () => socket.destroyed,
  });
  if (!got.length) return {};
  const ctx = { region: c.shape.region, accountId: c.shape.accountId, fifo: q.fifo };
  return { Messages: got.map((m) => receivedShape(m, { system, attributes }, ctx)) };
};

const expired = (handle: string) =>
  queueError(
    "InvalidParameterValue",
    `Value ${handle.slice(0, 200)} for parameter ReceiptHandle is invalid. Reason: The receipt handle has expired.`,
  );
const notChangeable = (handle: string) =>
  queueError(
    "InvalidParameterValue",
    `Value ${handle.slice(0, 200)} for parameter ReceiptHandle is invalid. Reason: Message does not exist or is not available for visibility timeout change.`,
  );

const deleteMessage: SqsAction = async (c) => {
  const q = await queueOf(c);
  const handle = required(c.input, "ReceiptHandle");
  const [result] = await c.platform.queues.store.delete(q, [receiptIn(handle)]);
  if (result === "expired") throw expired(handle);
  return {};
};

/** Runs a batch whose entries each carry a receipt handle; a malformed handle fails its entry alone. */
async function receiptBatch(
  c: SqsCall,
  apply: (entries: Array<{ e: Input; id: string }>) => Promise<Array<AppError | null>>,
): Promise<Record<string, unknown>> {
  const failures: Record<string, unknown>[] = [];
  const good: Array<{ e: Input; id: string }> = [];
  for (const e of batchEntries(c.input)) {
    try {
      receiptIn(e.ReceiptHandle);
      good.push({ e, id: e.Id as string });
    } catch (err) {
      failures.push(failed(e.Id as string, err));
    }
  }
  const results = good.length ? await apply(good) : [];
  const ok: Record<string, unknown>[] = [];
  for (const [i, err] of results.entries()) {
    if (err) failures.push(failed(good[i]!.id, err));
    else ok.push({ Id: good[i]!.id });
  }
  return { ...(ok.length ? { Successful: ok } : {}), ...(failures.length ? { Failed: failures } : {}) };
}

const deleteMessageBatch: SqsAction = async (c) => {
  const q = await queueOf(c);
  return receiptBatch(c, async (good) => {
    const results = await c.platform.queues.store.delete(
      q,
      good.map((g) => receiptIn(g.e.ReceiptHandle)),
    );
    return results.map((r, i) => (r === "expired" ? expired(String(good[i]!.e.ReceiptHandle)) : null));
  });
};

const changeMessageVisibility: SqsAction = async (c) => {
  const q = await queueOf(c);
  const handle = required(c.input, "ReceiptHandle");
  const timeoutSec = optionalInt(c.input, "VisibilityTimeout", 0, c.platform.queues.limits.maxVisibilitySec);
  if (timeoutSec === undefined)
    throw queueError("MissingParameter", "The request must contain the parameter VisibilityTimeout.");
  const [changed] = await c.platform.queues.store.changeVisibility(q.id, [{ ...receiptIn(handle), timeoutSec }]);
  if (!changed) throw notChangeable(handle);
  return {};
};

const changeMessageVisibilityBatch: SqsAction = async (c) => {
  const q = await queueOf(c);
  const max = c.platform.queues.limits.maxVisibilitySec;
  return receiptBatch(c, async (good) => {
    const timeouts = good.map((g) => {
      try {
        return optionalInt(g.e, "VisibilityTimeout", 0, max) ?? 0;
      } catch (err) {
        return err as AppError;
      }
    });
    const valid = good.map((g, i) => ({ g, t: timeouts[i]! })).filter((x) => typeof x.t === "number");
    const changed = await c.platform.queues.store.changeVisibility(
      q.id,
      valid.map((x) => ({ ...receiptIn(x.g.e.ReceiptHandle), timeoutSec: x.t as number })),
    );
    const byId = new Map(valid.map((x, i) => [x.g.id, changed[i]]));
    return good.map((g, i) => {
      const t = timeouts[i];
      if (t instanceof AppError) return t;
      return byId.get(g.id) ? null : notChangeable(String(g.e.ReceiptHandle));
    });
  });
};

export const MESSAGE_ACTIONS: Record<string, SqsAction> = {
  SendMessage: sendMessage,
  SendMessageBatch: sendMessageBatch,
  ReceiveMessage: receiveMessage,
  DeleteMessage: deleteMessage,
  DeleteMessageBatch: deleteMessageBatch,
  ChangeMessageVisibility: changeMessageVisibility,
  ChangeMessageVisibilityBatch: changeMessageVisibilityBatch,
};
