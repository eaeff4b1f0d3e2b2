/**
 * A mapping's pollers on this server. One worker long-polls the queue (asleep on its wake-ups
 * while it is empty: no database polling); a full batch starts another worker, up to the
 * mapping's MaximumConcurrency for the whole cluster (an admission pool shared through the
 * database, lib/invoke/admission.ts); a worker whose long poll comes back empty ends, the last
 * one stays. Each worker gathers up to BatchSize messages for at most the batching window, then
 * runs the batch (batch.ts).
 */
import { runBatch } from "@/lib/event-sources/batch";
import type { ActiveMapping, PollerDeps } from "@/lib/event-sources/types";
import type { ReceivedMessage } from "@/lib/message-queues/types";
import type { QueueEntry } from "@/lib/message-queues/directory";

/** How long one receive waits for a first message (SQS's longest long poll). */
const LONG_POLL_SEC = 20;
/** A single claim takes at most this many messages (a larger BatchSize gathers several). */
const CLAIM_MAX = 1000;

export class MappingPoller {
  private workers = 0;
  private stopping = false;
  private readonly running = new Set<Promise<void>>();
  /** The queue's id once read: stop() wakes its long polls. */
  private queueIdHint: string | null = null;

  constructor(
    readonly mapping: ActiveMapping,
    private readonly d: PollerDeps,
  ) {}

  start(): void {
    this.spawn();
  }

  /** Stops taking batches; resolves once the batches in hand are done. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.d.queues.wakeups.wake(this.queueIdHint ?? "");
    await Promise.all(this.running);
  }

  private spawn(): void {
    if (this.stopping || this.workers >= this.mapping.maxConcurrency) return;
    this.workers++;
    const w = this.work().finally(() => {
      this.workers--;
      this.running.delete(w);
    });
    this.running.add(w);
  }

  private async work(): Promise<void> {
    const m = this.mapping;
    while (!this.stopping) {
      const q = await this.d.queues.directory.get(m.queueName).catch(() => null);
      if (!q) {
        this.d.report(m.id, "PROBLEM: Queue does not exist", `The queue ${m.queueName} does not exist`);
        await this.pause(10_000);
        continue;
      }
      this.queueIdHint = q.id;
      let got: ReceivedMessage[];
      try {
        got = await this.gather(q);
      } catch (err) {
        this.d.log.warn(`event source ${m.id}: receive failed: ${(err as Error).message}`);
        await this.pause(1_000);
        continue;
      }
      if (!got.length) {
        if (this.workers > 1) return; // scale down: the backlog is gone
        continue;
      }
      if (got.length >= Math.min(m.batchSize, CLAIM_MAX)) this.spawn(); // a full batch: there is a backlog
      let release: (() => void) | null = null;
      try {
        release = await this.slot();
        await runBatch(this.d, m, q, got, () => this.stopping);
      } catch (err) {
        this.d.log.warn(`event source ${m.id}: batch failed: ${(err as Error).message}`);
      } finally {
        release?.();
      }
    }
  }

  /** Up to BatchSize messages: the first wait is a long poll; then more until full or the window closes. */
  private async gather(q: QueueEntry): Promise<ReceivedMessage[]> {
    const m = this.mapping;
    const opts = { gone: () => this.stopping };
    const first = await this.d.queues.store.receive(q, {
      ...opts,
      max: Math.min(m.batchSize, CLAIM_MAX),
      waitSec: LONG_POLL_SEC,
    });
    if (!first.length || m.maxBatchingWindowSec === 0) return first;
    const until = Date.now() + m.maxBatchingWindowSec * 1000;
    const got = [...first];
    while (got.length < m.batchSize && !this.stopping) {
      const left = until - Date.now();
      if (left <= 0) break;
      const more = await this.d.queues.store.receive(q, {
        ...opts,
        max: Math.min(m.batchSize - got.length, CLAIM_MAX),
        waitSec: Math.min(LONG_POLL_SEC, left / 1000),
      });
      got.push(...more);
    }
    return got;
  }

  /** A place under the mapping's MaximumConcurrency (cluster-wide), waiting while it is full. */
  private async slot(): Promise<() => void> {
    for (let wait = 50; ; wait = Math.min(wait * 2, 1000)) {
      try {
        const s = this.d.admission.acquireIn(`esm:${this.mapping.id}`, this.mapping.maxConcurrency);
        return typeof s === "function" ? s : await s;
      } catch {
        if (this.stopping) return () => {};
        await this.pause(wait);
      }
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((r) => setTimeout(r, ms).unref());
  }
}
