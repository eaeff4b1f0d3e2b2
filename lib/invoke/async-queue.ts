/**
 * Asynchronous invocations (InvocationType=Event), first cut: accepted into memory and run
 * in the background with Lambda's retry policy (throttles wait and retry; function errors
 * are retried twice). NOT durable across a crash — the Postgres-backed queue replaces this
 * (see the schedules/async issue). Retry delays are shortened from Lambda's 1 and 2 minutes.
 */
import { AppError } from "../errors";
import type { AsyncSink, Invoker } from "./invoker";
import type { ResolvedFunction } from "./resolver";

interface Job {
  fn: ResolvedFunction;
  payload: Buffer;
  requestId: string;
  attempt: number;
  throttles: number;
  enqueuedAt: number;
}

const MAX_EVENT_AGE_MS = 6 * 3600_000;
const MAX_QUEUED = 100_000;

export class InMemoryAsyncQueue implements AsyncSink {
  private readonly timers = new Set<NodeJS.Timeout>();
  private running = 0;
  private stopped = false;

  constructor(
    private readonly invoker: Invoker,
    private readonly opts: { retryDelaysMs?: number[]; log?: (m: string) => void } = {},
  ) {}

  enqueue(fn: ResolvedFunction, payload: Buffer, requestId: string): void {
    if (this.timers.size + this.running >= MAX_QUEUED) throw new AppError("TooManyRequestsException", "Rate Exceeded.", { Reason: "AsyncQueueFull" });
    this.later({ fn, payload, requestId, attempt: 1, throttles: 0, enqueuedAt: Date.now() }, 0);
  }

  get size(): number {
    return this.timers.size + this.running;
  }

  private later(job: Job, delayMs: number): void {
    if (this.stopped) return;
    const t = setTimeout(() => {
      this.timers.delete(t);
      void this.run(job);
    }, delayMs);
    this.timers.add(t);
  }

  private async run(job: Job): Promise<void> {
    if (Date.now() - job.enqueuedAt > MAX_EVENT_AGE_MS) {
      this.opts.log?.(`[async] dropping event ${job.requestId}: older than the maximum event age`);
      return;
    }
    this.running++;
    try {
      const fn = await this.invoker.resolve(job.fn.record.name).catch(() => job.fn);
      const result = await this.invoker.run(fn, job.payload, job.requestId, "async", undefined, job.attempt);
      const retries = this.opts.retryDelaysMs ?? [1000, 2000];
      if (result.outcome !== "Success" && job.attempt <= retries.length) {
        this.later({ ...job, attempt: job.attempt + 1 }, retries[job.attempt - 1]);
      }
    } catch (err) {
      if (err instanceof AppError && err.code === "TooManyRequestsException") {
        // Throttled events wait and retry; they are not dropped.
        const backoff = Math.min(60_000, 200 * 2 ** Math.min(job.throttles, 8));
        this.later({ ...job, throttles: job.throttles + 1 }, backoff * (0.5 + Math.random()));
      } else {
        this.opts.log?.(`[async] event ${job.requestId} failed: ${(err as Error).message}`);
      }
    } finally {
      this.running--;
    }
  }

  /** Stops taking timers; events still waiting are lost (this queue is not durable). */
  async stop(): Promise<number> {
    this.stopped = true;
    const lost = this.timers.size;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    while (this.running > 0) await new Promise((r) => setTimeout(r, 20));
    return lost;
  }
}
