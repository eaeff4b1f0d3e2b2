/**
 * The message operations over one pool, with their side effects in one place: a send wakes the
 * queue's waiters here at once (others hear the NOTIFY), and every operation is counted for the
 * queue's traffic chart.
 */
import type pg from "pg";
import { deleteMessages, type DeleteResult } from "@/lib/message-queues/delete";
import type { OutgoingMessage } from "@/lib/message-queues/message-rules";
import type { Receipt } from "@/lib/message-queues/receipt";
import { receiveMessages, type ReceiveOptions } from "@/lib/message-queues/receive";
import { sendMessages, type SentMessage } from "@/lib/message-queues/send";
import type { QueueStats } from "@/lib/message-queues/stats";
import type { QueueRef, ReceivedMessage } from "@/lib/message-queues/types";
import { changeVisibility } from "@/lib/message-queues/visibility";
import type { QueueWakeups } from "@/lib/message-queues/wakeups";

export class MessageStore {
  /**
   * `pool`: claims, deletes and visibility changes (they may commit without waiting for the WAL:
   * pool.ts); `durable`: sends, which are acknowledged only once on disk.
   */
  constructor(
    readonly pool: pg.Pool,
    readonly wakeups: QueueWakeups,
    private readonly stats: QueueStats,
    private readonly durable: pg.Pool = pool,
  ) {}

  async send(q: QueueRef, messages: OutgoingMessage[]): Promise<SentMessage[]> {
    const sent = await sendMessages(this.durable, q, messages);
    this.wakeups.wake(q.id);
    this.stats.add(q.id, "sent", sent.length);
    return sent;
  }

  async receive(q: QueueRef, opts: ReceiveOptions): Promise<ReceivedMessage[]> {
    const got = await receiveMessages(this.pool, this.wakeups, q, opts);
    this.stats.add(q.id, "received", got.length);
    return got;
  }

  async delete(q: { id: string; fifo: boolean }, receipts: Receipt[]): Promise<DeleteResult[]> {
    const results = await deleteMessages(this.pool, q, receipts);
    this.stats.add(q.id, "deleted", results.filter((r) => r === "deleted").length);
    return results;
  }

  /** Counts messages an operation outside this store handled (a batch deleted with its execution's start). */
  counted(queueId: string, kind: "deleted", n: number): void {
    this.stats.add(queueId, kind, n);
  }

  changeVisibility(queueId: string, changes: Array<Receipt & { timeoutSec: number }>): Promise<boolean[]> {
    return changeVisibility(this.pool, queueId, changes);
  }
}
