/**
 * The oldest messages of a queue as they are, without receiving them: nothing about them changes
 * (no receive count, no visibility). For the console: a look, not a consumer.
 */
import type { ServiceContext } from "@/lib/services/context";
import { getQueueOrThrow } from "@/lib/services/queues/get";
import { queueRuntime } from "@/lib/services/queues/runtime";

export interface PeekedMessage {
  messageId: string;
  /** At most 4 KB of it (`truncated` says when there was more). */
  body: string;
  truncated: boolean;
  attributes: Record<string, unknown> | null;
  sentAt: string;
  receiveCount: number;
  state: "visible" | "in flight" | "delayed";
  /** When it becomes visible, if it is not. */
  visibleAt: string;
  groupId: string | null;
  /** The queue a redrive policy moved it from (a dead-letter queue's messages). */
  sourceQueue: string | null;
}

const MAX_BODY = 4096;

export async function peekMessages(ctx: ServiceContext, name: string, limit = 20): Promise<PeekedMessage[]> {
  const q = await getQueueOrThrow(ctx, name);
  const { rows } = await queueRuntime(ctx).pool.query<{
    messageId: string;
    body: string;
    bytes: number;
    attributes: Record<string, unknown> | null;
    sentAt: Date;
    receiveCount: number;
    visibleAt: Date;
    visible: boolean;
    received: boolean;
    groupId: string | null;
    sourceQueue: string | null;
  }>(
    `SELECT "messageId", left(body, ${MAX_BODY}) AS body, octet_length(body) AS bytes, attributes, "sentAt",
            "receiveCount", "visibleAt", "visibleAt" <= now() AS visible, receipt IS NOT NULL AS received,
            "groupId", "sourceQueue"
       FROM queue_messages WHERE "queueId" = $1 ORDER BY seq LIMIT $2`,
    [q.id, Math.min(Math.max(limit, 1), 100)],
  );
  return rows.map((r) => ({
    messageId: r.messageId,
    body: r.body,
    truncated: r.bytes > Buffer.byteLength(r.body),
    attributes: r.attributes,
    sentAt: r.sentAt.toISOString(),
    receiveCount: r.receiveCount,
    state: r.visible ? "visible" : r.received ? "in flight" : "delayed",
    visibleAt: r.visibleAt.toISOString(),
    groupId: r.groupId,
    sourceQueue: r.sourceQueue,
  }));
}
