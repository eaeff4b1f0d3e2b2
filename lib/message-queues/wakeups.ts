/**
 * Wakes whoever waits for a queue's messages — a ReceiveMessage long poll, an event source
 * mapping's poller — when one is sent, on this server or another. Sends NOTIFY on CHANNEL with
 * the queue's id (in the statement that inserts them, so at commit); one LISTEN connection per
 * server hears them. Nobody polls the database while a queue is empty: a waiter sleeps until a
 * wake-up, its deadline, or the time its queue's next delayed or in-flight message becomes visible.
 * After a lost LISTEN connection every waiter is woken (it looks again) while it reconnects.
 */
import pg from "pg";
import type { Logger } from "@/lib/log";

export const QUEUE_CHANNEL = "nimbus_queue_messages";

export class QueueWakeups {
  private readonly waiters = new Map<string, Set<() => void>>();
  private client: pg.Client | null = null;
  private closed = false;
  private retryMs = 250;

  constructor(
    private readonly url: string,
    private readonly log: Logger,
  ) {}

  async start(): Promise<void> {
    await this.connect();
  }

  /** Resolves when `queueId` may have a message, or after `ms`. */
  wait(queueId: string, ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      let set = this.waiters.get(queueId);
      if (!set) {
        set = new Set();
        this.waiters.set(queueId, set);
      }
      const wake = () => {
        clearTimeout(timer);
        set.delete(wake);
        if (set.size === 0 && this.waiters.get(queueId) === set) this.waiters.delete(queueId);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      set.add(wake);
    });
  }

  /** Messages arrived in `queueId` (this server's sends call it at once; others' come by NOTIFY). */
  wake(queueId: string): void {
    for (const w of [...(this.waiters.get(queueId) ?? [])]) w();
  }

  private wakeAll(): void {
    for (const id of [...this.waiters.keys()]) this.wake(id);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url, connectionTimeoutMillis: 5_000 });
    client.on("notification", (n) => {
      if (n.payload) this.wake(n.payload);
    });
    client.on("error", (err) => this.lost(client, err));
    client.on("end", () => this.lost(client, new Error("connection ended")));
    try {
      await client.connect();
      await client.query(`LISTEN ${QUEUE_CHANNEL}`);
    } catch (err) {
      client.removeAllListeners("end");
      await client.end().catch(() => {});
      throw err;
    }
    this.client = client;
    this.retryMs = 250;
  }

  private lost(client: pg.Client, err: Error): void {
    if (this.client !== client || this.closed) return;
    this.client = null;
    this.log.warn(`queue wake-ups lost their connection (${err.message}); reconnecting`);
    this.wakeAll();
    const retry = () => {
      if (this.closed) return;
      this.connect().catch(() => {
        this.retryMs = Math.min(this.retryMs * 2, 5_000);
        setTimeout(retry, this.retryMs).unref();
      });
    };
    setTimeout(retry, this.retryMs).unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.wakeAll();
    const c = this.client;
    this.client = null;
    await c?.end().catch(() => {});
  }
}
