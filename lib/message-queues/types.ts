/** A queue as the message store needs it (lib/services/queues has the whole record). */
export interface QueueRef {
  id: string;
  name: string;
  fifo: boolean;
  visibilityTimeoutSec: number;
  retentionSec: number;
  delaySec: number;
  /** Its dead-letter queue's id and how many receives send a message there, when it has a RedrivePolicy. */
  redrive: { queueId: string; maxReceiveCount: number } | null;
}

/** A message as a receive hands it out. */
export interface ReceivedMessage {
  messageId: string;
  receiptHandle: string;
  body: string;
  md5OfBody: string;
  attributes: Record<string, unknown> | null;
  md5OfAttributes: string | null;
  sentAt: Date;
  firstReceivedAt: Date;
  receiveCount: number;
  groupId: string | null;
  dedupId: string | null;
  sequenceNumber: string;
  /** The queue it was moved from by a redrive policy. */
  sourceQueue: string | null;
}
