/**
 * Wakes whoever waits for a queue's messages — a ReceiveMessage long poll, an event source
 * mapping's poller — when one is sent, on this server or another. Sends NOTIFY on CHANNEL with
 * the queue's id (in the statement that inserts them, so at commit); one LISTEN connection per
 * server hears them. Nobody polls the database while a queue is empty: a waiter sleeps until a
 * wake-up, its deadline, or the time its queue's next delayed or in-flight message becomes visible.
 * After a lost LISTEN connection every waiter is woken (it looks again) while it reconnects.
 */
import { PgListener } from "@/lib/db/listener";
import type { Logger } from "@/lib/log";

export const QUEUE_CHANNEL = "nimbus_queue_messages";

export class QueueWakeups {
  private readonly waiters = new Map<string, Set<() => void>>();
  private readonly listener: PgListener;

  constructor(url: string, log: Logger) {
    this.listener = new PgListener(
      url,
      QUEUE_CHANNEL,
      {
        notify: (queueId) => this.wake(queueId),
        lost: (err) => {
          log.warn(`queue wake-ups lost their connection (${err.message}); reconnecting`);
          this.wakeAll();
        },
        back: () => this.wakeAll(),
      },
      5_000,
    );
  }

  start(): Promise<void> {
    return this.listener.start();
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

  async close(): Promise<void> {
    this.wakeAll();
    await this.listener.close();
  }
}
