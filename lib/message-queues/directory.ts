/**
 * Queues by name, as the message operations need them (types.ts QueueRef), cached: every send,
 * receive and delete names its queue, and a database read each time would cost more than the
 * operation. A change made on this server drops its entry at once (ServiceContext.queuesChanged);
 * one made on another server is seen within TTL_MS. A queue deleted meanwhile fails the operation
 * cleanly (its rows are gone: a send's insert finds no queue and answers QueueDoesNotExist).
 */
import type pg from "pg";
import type { QueueRef } from "@/lib/message-queues/types";

const TTL_MS = 2_000;

interface Row {
  id: string;
  name: string;
  fifo: boolean;
  visibilityTimeoutSec: number;
  retentionSec: number;
  delaySec: number;
  receiveWaitSec: number;
  maxMessageBytes: number;
  contentBasedDedup: boolean;
  maxReceiveCount: number | null;
  dlqId: string | null;
}

export interface QueueEntry extends QueueRef {
  receiveWaitSec: number;
  maxMessageBytes: number;
  contentBasedDedup: boolean;
}

export class QueueDirectory {
  private readonly cache = new Map<string, { at: number; entry: QueueEntry | null }>();

  constructor(private readonly pool: pg.Pool) {}

  /** The queue, or null when there is none by that name. */
  async get(name: string): Promise<QueueEntry | null> {
    const hit = this.cache.get(name);
    if (hit && Date.now() - hit.at < TTL_MS) return hit.entry;
    const { rows } = await this.pool.query<Row>(
      `SELECT q.id, q.name, q.fifo, q."visibilityTimeoutSec", q."retentionSec", q."delaySec", q."receiveWaitSec",
              q."maxMessageBytes",
              q."contentBasedDedup", q."maxReceiveCount", d.id AS "dlqId"
         FROM queues q LEFT JOIN queues d ON d.name = q."deadLetterQueue" WHERE q.name = $1`,
      [name],
    );
    const r = rows[0];
    const entry: QueueEntry | null = r
      ? {
          id: r.id,
          name: r.name,
          fifo: r.fifo,
          visibilityTimeoutSec: r.visibilityTimeoutSec,
          retentionSec: r.retentionSec,
          delaySec: r.delaySec,
          receiveWaitSec: r.receiveWaitSec,
          maxMessageBytes: r.maxMessageBytes,
          contentBasedDedup: r.contentBasedDedup,
          redrive: r.dlqId && r.maxReceiveCount ? { queueId: r.dlqId, maxReceiveCount: r.maxReceiveCount } : null,
        }
      : null;
    this.cache.set(name, { at: Date.now(), entry });
    return entry;
  }

  /** A queue changed or went: its entry, and any whose dead-letter queue it is, are read again. */
  forget(name?: string): void {
    if (name === undefined || name === "all") this.cache.clear();
    else {
      this.cache.delete(name);
      // A queue that used it as its dead-letter queue holds its id.
      for (const [k, v] of this.cache) if (v.entry?.redrive) this.cache.delete(k);
    }
  }
}
