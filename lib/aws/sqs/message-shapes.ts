/** Messages in and out of SQS's shapes: the attributes a send carries, the members a receive answers. */
import { md5OfAttributes, selectAttributes, type MessageAttributes } from "@/lib/message-queues/attributes";
import { queueError } from "@/lib/message-queues/errors";
import type { OutgoingMessage } from "@/lib/message-queues/message-rules";
import type { ReceivedMessage } from "@/lib/message-queues/types";
import { queueArn } from "@/lib/aws/sqs/queue-url";
import { optionalInt, optionalString, type Input } from "@/lib/aws/sqs/wire";

function attributesIn(v: unknown): MessageAttributes | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "object" || Array.isArray(v))
    throw queueError("InvalidParameterValue", "MessageAttributes must be a map of names to attribute values.");
  const out: MessageAttributes = {};
  for (const [name, raw] of Object.entries(v as Record<string, unknown>)) {
    const a = raw as { DataType?: unknown; StringValue?: unknown; BinaryValue?: unknown; StringListValues?: unknown };
    if (a?.StringListValues !== undefined || (a as { BinaryListValues?: unknown })?.BinaryListValues !== undefined)
      throw queueError(
        "InvalidParameterValue",
        `Message attribute list values are not supported (${name.slice(0, 256)}).`,
      );
    out[name] = {
      DataType: typeof a?.DataType === "string" ? a.DataType : "",
      ...(typeof a?.StringValue === "string" ? { StringValue: a.StringValue } : {}),
      ...(typeof a?.BinaryValue === "string" ? { BinaryValue: a.BinaryValue } : {}),
    };
  }
  return out;
}

/** A SendMessage request, or a SendMessageBatch entry, as an outgoing message. */
export function outgoingOf(input: Input, maxDelaySec: number): OutgoingMessage {
  return {
    body: typeof input.MessageBody === "string" ? input.MessageBody : "",
    attributes: attributesIn(input.MessageAttributes),
    delaySec: optionalInt(input, "DelaySeconds", 0, maxDelaySec),
    groupId: optionalString(input, "MessageGroupId"),
    dedupId: optionalString(input, "MessageDeduplicationId"),
  };
}

const SYSTEM_NAMES = [
  "SenderId",
  "SentTimestamp",
  "ApproximateReceiveCount",
  "ApproximateFirstReceiveTimestamp",
  "SequenceNumber",
  "MessageDeduplicationId",
  "MessageGroupId",
  "DeadLetterQueueSourceArn",
];

/** A received message in ReceiveMessage's shape, with the system and message attributes asked for. */
export function receivedShape(
  m: ReceivedMessage,
  want: { system: string[]; attributes: string[] },
  ctx: { region: string; accountId: string; fifo: boolean },
): Record<string, unknown> {
  const out: Record<string, unknown> = {
    MessageId: m.messageId,
    ReceiptHandle: m.receiptHandle,
    MD5OfBody: m.md5OfBody,
    Body: m.body,
  };
  const names = want.system.some((n) => n === "All") ? SYSTEM_NAMES : want.system;
  if (names.length) {
    const all: Record<string, string | null> = {
      SenderId: ctx.accountId,
      SentTimestamp: String(m.sentAt.getTime()),
      ApproximateReceiveCount: String(m.receiveCount),
      ApproximateFirstReceiveTimestamp: String(m.firstReceivedAt.getTime()),
      SequenceNumber: ctx.fifo ? m.sequenceNumber : null,
      MessageDeduplicationId: m.dedupId,
      MessageGroupId: m.groupId,
      DeadLetterQueueSourceArn: m.sourceQueue ? queueArn(ctx.region, ctx.accountId, m.sourceQueue) : null,
    };
    // A name the message has no value for is left out, as SQS does.
    const attrs = Object.fromEntries(names.filter((n) => all[n] != null).map((n) => [n, all[n]!]));
    if (Object.keys(attrs).length) out.Attributes = attrs;
  }
  const chosen = selectAttributes(m.attributes as MessageAttributes | null, want.attributes);
  if (chosen) {
    out.MessageAttributes = chosen;
    out.MD5OfMessageAttributes = md5OfAttributes(chosen);
  }
  return out;
}
