/** What a message must be to enter a queue (SQS's rules and wording); a broken one is refused alone. */
import type { AppError } from "@/lib/errors";
import { attributesBytes, type MessageAttributes } from "@/lib/message-queues/attributes";
import { queueError } from "@/lib/message-queues/errors";

export interface OutgoingMessage {
  body: string;
  attributes?: MessageAttributes;
  /** Per message: overrides the queue's DelaySeconds (standard queues only). */
  delaySec?: number;
  groupId?: string;
  dedupId?: string;
}

export interface QueueRules {
  fifo: boolean;
  maxMessageBytes: number;
  contentBasedDedup: boolean;
  maxDelaySec: number;
}

const ALLOWED = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const ATTRIBUTE_NAME = /^(?!\.)(?!.*\.\.)(?!.*\.$)[A-Za-z0-9_.-]{1,256}$/;
const DATA_TYPE = /^(String|Number|Binary)(\..{1,250})?$/;
const ID_TEXT = /^[\x21-\x7e]{1,128}$/;

export function messageProblem(m: OutgoingMessage, q: QueueRules): AppError | null {
  if (typeof m.body !== "string" || m.body.length === 0)
    return queueError("MissingParameter", "The request must contain the parameter MessageBody.");
  const bad = ALLOWED.exec(m.body);
  if (bad)
    return queueError(
      "InvalidMessageContents",
      `Invalid binary character '#x${bad[0].codePointAt(0)!.toString(16).toUpperCase()}' was found in the message body, ` +
        "the set of allowed characters is #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF",
    );
  const attrs = m.attributes ?? {};
  const names = Object.keys(attrs);
  if (names.length > 10)
    return queueError(
      "InvalidParameterValue",
      `Number of message attributes [${names.length}] exceeds the allowed maximum [10].`,
    );
  for (const name of names) {
    const a = attrs[name]!;
    if (!ATTRIBUTE_NAME.test(name) || /^(aws|amazon)\./i.test(name))
      return queueError("InvalidParameterValue", `Message attribute name '${name.slice(0, 256)}' is invalid.`);
    if (typeof a?.DataType !== "string" || !DATA_TYPE.test(a.DataType))
      return queueError(
        "InvalidParameterValue",
        `The message attribute '${name}' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.`,
      );
    const binary = a.DataType.startsWith("Binary");
    const value = binary ? a.BinaryValue : a.StringValue;
    if (value === undefined || value === "")
      return queueError(
        "InvalidParameterValue",
        `The message attribute '${name}' must contain non-empty message attribute value for message attribute type '${a.DataType}'.`,
      );
    if (a.DataType.startsWith("Number") && !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(a.StringValue ?? ""))
      return queueError(
        "InvalidParameterValue",
        `Can't cast the value of message (user) attribute '${name}' to a number.`,
      );
    if (!binary && ALLOWED.test(a.StringValue ?? ""))
      return queueError(
        "InvalidParameterValue",
        `The message attribute '${name}' contains characters outside the allowed set.`,
      );
  }
  const size = Buffer.byteLength(m.body) + attributesBytes(attrs);
  if (size > q.maxMessageBytes)
    return queueError(
      "InvalidParameterValue",
      `One or more parameters are invalid. Reason: Message must be shorter than ${q.maxMessageBytes} bytes.`,
    );
  if (m.delaySec !== undefined) {
    if (q.fifo)
      return queueError(
        "InvalidParameterValue",
        `Value ${m.delaySec} for parameter DelaySeconds is invalid. Reason: The request include parameter that is not valid for this queue type.`,
      );
    if (!Number.isInteger(m.delaySec) || m.delaySec < 0 || m.delaySec > q.maxDelaySec)
      return queueError(
        "InvalidParameterValue",
        `Value ${m.delaySec} for parameter DelaySeconds is invalid. Reason: DelaySeconds must be >= 0 and <= ${q.maxDelaySec}.`,
      );
  }
  if (q.fifo) {
    if (!m.groupId) return queueError("MissingParameter", "The request must contain the parameter MessageGroupId.");
    if (!ID_TEXT.test(m.groupId))
      return queueError(
        "InvalidParameterValue",
        "MessageGroupId can contain up to 128 alphanumeric and punctuation characters.",
      );
    if (m.dedupId !== undefined && !ID_TEXT.test(m.dedupId))
      return queueError(
        "InvalidParameterValue",
        "MessageDeduplicationId can contain up to 128 alphanumeric and punctuation characters.",
      );
    if (m.dedupId === undefined && !q.contentBasedDedup)
      return queueError(
        "InvalidParameterValue",
        "The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly",
      );
  } else if (m.dedupId !== undefined) {
    return queueError(
      "InvalidParameterValue",
      "The request include parameter MessageDeduplicationId that is not valid for this queue type",
    );
  }
  return null;
}
