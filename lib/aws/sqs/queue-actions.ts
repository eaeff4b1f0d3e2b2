/**
 * SQS's queue operations: each parses its members, calls one queues service verb (or the message
 * store for counts and purge), and answers SQS's output shape.
 */
import { queueCounts } from "@/lib/message-queues/counts";
import { queueError } from "@/lib/message-queues/errors";
import { purgeQueue } from "@/lib/message-queues/purge";
import * as queues from "@/lib/services/queues";
import { AppError } from "@/lib/errors";
import { attributesOf, settingsFromAttributes } from "@/lib/aws/sqs/queue-attributes";
import { queueUrl } from "@/lib/aws/sqs/queue-url";
import type { SqsAction, SqsCall } from "@/lib/aws/sqs/types";
import { optionalInt, optionalString, queueNameIn, required, stringList, stringMap } from "@/lib/aws/sqs/wire";

const urlOf = (c: SqsCall, name: string) => queueUrl(c.req, c.shape.accountId, name);

/** The settings that are attributes on the wire (a bad queue name is not one). */
const ATTRIBUTE_FIELDS = /^(visibilityTimeoutSec|retentionSec|delaySec|receiveWaitSec|maxMessageBytes|redrive)/;

/** A settings value out of range is SQS's InvalidAttributeValue, naming the attribute. */
async function asAttributeError<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    const field = err instanceof AppError ? err.fields.field : undefined;
    if (typeof field === "string" && ATTRIBUTE_FIELDS.test(field) && !(err as AppError).fields.sqsCode)
      throw queueError("InvalidAttributeValue", `Invalid value for the parameter ${(err as AppError).message}`);
    throw err;
  }
}

const createQueue: SqsAction = async (c) => {
  const name = required(c.input, "QueueName");
  const { fifo, ...settings } = settingsFromAttributes(stringMap(c.input, "Attributes"), true);
  const tags = stringMap(c.input, "tags");
  await asAttributeError(() =>
    queues.createQueue(c.ctx, c.platform.queues.limits, { name, fifo: fifo ?? false, tags, ...settings }),
  );
  return { QueueUrl: urlOf(c, name) };
};

const getQueueUrl: SqsAction = async (c) => {
  const name = required(c.input, "QueueName");
  await queues.getQueueOrThrow(c.ctx, name);
  return { QueueUrl: urlOf(c, name) };
};

const listQueues: SqsAction = async (c) => {
  const max = optionalInt(c.input, "MaxResults", 1, 1000);
  const token = optionalString(c.input, "NextToken");
  const after = token ? Buffer.from(token, "base64url").toString("utf8") : undefined;
  const page = await queues.listQueues(c.ctx, {
    prefix: optionalString(c.input, "QueueNamePrefix"),
    after,
    limit: max ?? 1000,
  });
  const out: Record<string, unknown> = {};
  if (page.queues.length) out.QueueUrls = page.queues.map((q) => urlOf(c, q.name));
  // Without MaxResults SQS gives at most 1000 and no token.
  if (max !== undefined && page.next) out.NextToken = Buffer.from(page.next).toString("base64url");
  return out;
};

const deleteQueue: SqsAction = async (c) => {
  await queues.deleteQueue(c.ctx, queueNameIn(c.input));
  return {};
};

const purge: SqsAction = async (c) => {
  const q = await queues.getQueueOrThrow(c.ctx, queueNameIn(c.input));
  await purgeQueue(c.platform.queues.pool, q.id, q.name);
  return {};
};

const getQueueAttributes: SqsAction = async (c) => {
  const q = await queues.getQueueOrThrow(c.ctx, queueNameIn(c.input));
  const names = stringList(c.input, "AttributeNames");
  if (!names.length) return {};
  const counts = (await queueCounts(c.platform.queues.pool, [q.id])).get(q.id)!;
  const attributes = attributesOf(q, counts, names, c.shape);
  return Object.keys(attributes).length ? { Attributes: attributes } : {};
};

const setQueueAttributes: SqsAction = async (c) => {
  const name = queueNameIn(c.input);
  const q = await queues.getQueueOrThrow(c.ctx, name);
  const settings = settingsFromAttributes(stringMap(c.input, "Attributes"), false, q.fifo);
  await asAttributeError(() => queues.updateQueue(c.ctx, c.platform.queues.limits, name, settings));
  return {};
};

const tagQueue: SqsAction = async (c) => {
  await queues.tagQueue(c.ctx, queueNameIn(c.input), stringMap(c.input, "Tags"));
  return {};
};

const untagQueue: SqsAction = async (c) => {
  await queues.untagQueue(c.ctx, queueNameIn(c.input), stringList(c.input, "TagKeys"));
  return {};
};

const listQueueTags: SqsAction = async (c) => {
  const q = await queues.getQueueOrThrow(c.ctx, queueNameIn(c.input));
  return Object.keys(q.tags).length ? { Tags: q.tags } : {};
};

const listDeadLetterSourceQueues: SqsAction = async (c) => {
  const dlq = await queues.getQueueOrThrow(c.ctx, queueNameIn(c.input));
  const sources = await queues.listDeadLetterSources(c.ctx, dlq.name);
  return { queueUrls: sources.map((name) => urlOf(c, name)) };
};

export const QUEUE_ACTIONS: Record<string, SqsAction> = {
  CreateQueue: createQueue,
  GetQueueUrl: getQueueUrl,
  ListQueues: listQueues,
  DeleteQueue: deleteQueue,
  PurgeQueue: purge,
  GetQueueAttributes: getQueueAttributes,
  SetQueueAttributes: setQueueAttributes,
  TagQueue: tagQueue,
  UntagQueue: untagQueue,
  ListQueueTags: listQueueTags,
  ListDeadLetterSourceQueues: listDeadLetterSourceQueues,
};
