/** Messages as the SQS event a function receives: `Records[]` in Lambda's shape for an SQS source. */
import { queueArn } from "@/lib/message-queues/arn";
import type { ReceivedMessage } from "@/lib/message-queues/types";

export interface SqsRecord {
  messageId: string;
  receiptHandle: string;
  body: string;
  attributes: Record<string, string>;
  messageAttributes: Record<string, unknown>;
  md5OfBody: string;
  md5OfMessageAttributes?: string;
  eventSource: "aws:sqs";
  eventSourceARN: string;
  awsRegion: string;
}

export function sqsRecord(
  m: ReceivedMessage,
  o: { arn: string; region: string; accountId: string; fifo: boolean },
): SqsRecord {
  const attributes: Record<string, string> = {
    ApproximateReceiveCount: String(m.receiveCount),
    SentTimestamp: String(m.sentAt.getTime()),
    SenderId: o.accountId,
    ApproximateFirstReceiveTimestamp: String(m.firstReceivedAt.getTime()),
  };
  if (o.fifo) {
    attributes.SequenceNumber = m.sequenceNumber;
    if (m.groupId) attributes.MessageGroupId = m.groupId;
    if (m.dedupId) attributes.MessageDeduplicationId = m.dedupId;
  }
  if (m.sourceQueue) attributes.DeadLetterQueueSourceArn = queueArn(o.region, o.accountId, m.sourceQueue);
  const messageAttributes: Record<string, unknown> = {};
  for (const [name, a] of Object.entries((m.attributes ?? {}) as Record<string, Record<string, string>>)) {
    messageAttributes[name] = {
      ...(a.StringValue !== undefined ? { stringValue: a.StringValue } : {}),
      ...(a.BinaryValue !== undefined ? { binaryValue: a.BinaryValue } : {}),
      stringListValues: [],
      binaryListValues: [],
      dataType: a.DataType,
    };
  }
  return {
    messageId: m.messageId,
    receiptHandle: m.receiptHandle,
    body: m.body,
    attributes,
    messageAttributes,
    md5OfBody: m.md5OfBody,
    ...(m.md5OfAttributes ? { md5OfMessageAttributes: m.md5OfAttributes } : {}),
    eventSource: "aws:sqs",
    eventSourceARN: o.arn,
    awsRegion: o.region,
  };
}

/** What a filter pattern sees of a record: its body parsed when it is JSON, as Lambda filters SQS messages. */
export function filterView(r: SqsRecord): Record<string, unknown> {
  let body: unknown = r.body;
  try {
    body = JSON.parse(r.body);
  } catch {
    /* a plain-text body is matched as a string */
  }
  return { ...r, body };
}

/**
 * The items a ReportBatchItemFailures response lists, or "all" when the response says the whole
 * batch failed (an identifier that is empty or not in the batch counts as that, as on Lambda).
 */
export function failedItems(payload: Buffer, batch: Set<string>): Set<string> | "all" {
  let out: unknown;
  try {
    out = JSON.parse(payload.toString("utf8"));
  } catch {
    return new Set();
  }
  const list = (out as { batchItemFailures?: unknown } | null)?.batchItemFailures;
  if (list === undefined || list === null) return new Set();
  if (!Array.isArray(list)) return "all";
  const failed = new Set<string>();
  for (const item of list) {
    const id = (item as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    if (typeof id !== "string" || !batch.has(id)) return "all";
    failed.add(id);
  }
  return failed;
}
