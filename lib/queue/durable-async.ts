/**
 * Asynchronous invocations (InvocationType=Event) through pg-boss on the same PostgreSQL:
 * accepted = persisted (the 202 follows the INSERT), shared by every server on the database,
 * at least once across crashes (a job held by a dead server expires and runs again).
 * Retries follow the function's EventInvokeConfig; throttled events wait and retry without
 * using up an attempt; what finally fails goes to the on-failure destination or the dead-letter list.
 */
import { randomUUID } from "node:crypto";
import type pg from "pg";
import { withTransaction } from "@/lib/db/transaction";
import { PgBoss } from "pg-boss";
import { AppError } from "@/lib/errors";
import type { AsyncSink } from "@/lib/invoke/invoker";
import type { ResolvedFunction } from "@/lib/invoke/resolver";
import { type TraceContext, traceIdFromRequestId } from "@/lib/traces/context";
import type { DestinationCondition } from "@/lib/queue/destination";
import { deliverToDestination, sendToDeadLetterQueue } from "@/lib/queue/deliveries";
import type { InvokeResult } from "@/lib/executor/types";
import {
  insertDeadLetter,
  loadEventConfig,
  recordedOutcome,
  takeDeadLetter,
  type EventConfig,
} from "@/lib/queue/event-store";
import type { AsyncJob, DurableAsyncOptions } from "@/lib/queue/types";

export type { AsyncJob, DurableAsyncOptions } from "@/lib/queue/types";

export const ASYNC_QUEUE = "nimbus-async";

export class DurableAsyncQueue implements AsyncSink {
  private readonly boss: PgBoss;

  constructor(private readonly o: DurableAsyncOptions) {
    // LISTEN/NOTIFY wakes a worker when an event arrives instead of at its next poll.
    this.boss = new PgBoss({
      connectionString: o.url,
      schema: "pgboss",
      max: 6,
      superviseIntervalSeconds: 5,
      monitorIntervalSeconds: 30,
      useListenNotify: true,
    });
    this.boss.on("error", (err: Error) => this.reportError(err));
  }

  private lastError = { message: "", at: 0, repeats: 0 };
  /** enqueue, bound: a destination function gets its record as an event of its own. */
  private readonly requeue = this.enqueue.bind(this);

  /** pg-boss reports each failed poll; while the database is away that is the same line twice a second. */
  private reportError(err: Error): void {
    const now = Date.now();
    const last = this.lastError;
    if (err.message === last.message && now - last.at < 30_000) {
      last.repeats++;
      return;
    }
    if (last.repeats) this.o.log.warn(`(the previous message repeated ${last.repeats} more times)`);
    this.lastError = { message: err.message, at: now, repeats: 0 };
    this.o.log.warn(`the event queue reports: ${err.message}`);
  }

  async start(): Promise<void> {
    await this.boss.start();
    // Many retries: they only happen when a server died holding the job (our own retries re-send).
    const options = { retryLimit: 100, retryDelay: 1, expireInSeconds: 330, deleteAfterSeconds: 3600, notify: true };
    if (!(await this.boss.getQueue(ASYNC_QUEUE))) await this.boss.createQueue(ASYNC_QUEUE, options).catch(() => {});
    else await this.boss.updateQueue(ASYNC_QUEUE, options).catch(() => {});
    // Workers fetch small batches and run them in parallel; a full batch means a backlog, so they
    // fetch again at once (burst). NOTIFY wakes them for new events; a 2 s poll is what finds
    // delayed ones (retries, throttled events) when they come due. Each job settles on its own.
    const batchSize = Math.min(4, this.o.concurrency);
    await this.boss.work<AsyncJob>(
      ASYNC_QUEUE,
      {
        batchSize,
        localConcurrency: Math.max(1, Math.ceil(this.o.concurrency / batchSize)),
        pollingIntervalSeconds: 0.5,
        notifyPollingIntervalSeconds: 2,
        burstWhenBatchFull: true,
        perJobResults: true,
      },
      async (jobs) =>
        Promise.all(
          jobs.map(async (job) => {
            try {
              await this.handle(job.data, job.retryCount);
              return { id: job.id, status: "completed" as const };
            } catch (err) {
              this.o.log.warn(`event ${job.data.requestId} will be retried: ${(err as Error).message}`, {
                functionName: job.data.functionName,
              });
              return { id: job.id, status: "failed" as const };
            }
          }),
        ),
    );
  }

  /** Resolves once the event is stored: the caller may then answer 202. */
  async enqueue(
    fn: ResolvedFunction,
    payload: Buffer,
    requestId: string,
    qualifier = "$LATEST",
    trace?: TraceContext | null,
  ): Promise<void> {
    await this.send(
      {
        functionName: fn.record.name,
        functionId: fn.record.id,
        version: fn.record.version,
        ...(qualifier === "$LATEST" ? {} : { qualifier }),
        requestId,
        payload: payload.toString("utf8"),
        attempt: 1,
        throttles: 0,
        enqueuedAt: Date.now(),
        ...(trace ? { trace: { traceId: trace.traceId, parentSpanId: trace.parentSpanId } } : {}),
      },
      0,
      fn.record.timeoutSec,
      requestId,
    );
  }

  private async send(
    job: AsyncJob,
    delaySeconds: number,
    timeoutSec: number,
    id: string = randomUUID(),
    db?: pg.PoolClient,
  ): Promise<void> {
    // A job held longer than the function can run belongs to a server that died: run it again.
    await this.boss.send(ASYNC_QUEUE, job as unknown as object, {
      id,
      startAfter: delaySeconds || undefined,
      expireInSeconds: timeoutSec + 10,
      ...(db ? { db: { executeSql: (text: string, values?: unknown[]) => db.query(text, values) } } : {}),
    });
  }

  /**
   * Claims a slot with `claimSql` (an INSERT … ON CONFLICT DO NOTHING RETURNING) and queues the
   * event in the same transaction: a slot is either claimed and queued, or neither — by exactly
   * one server. Returns false when another server had claimed it.
   */
  async enqueueClaimed(
    claimSql: string,
    claimParams: unknown[],
    fn: ResolvedFunction,
    payload: string,
    requestId: string,
    qualifier = "$LATEST",
  ): Promise<boolean> {
    return withTransaction(this.o.pool, async (client) => {
      const claimed = await client.query(claimSql, claimParams);
      if (claimed.rowCount === 0) return false;
      await this.send(
        {
          trigger: "schedule",
          functionName: fn.record.name,
          functionId: fn.record.id,
          version: fn.record.version,
          ...(qualifier === "$LATEST" ? {} : { qualifier }),
          requestId,
          payload,
          attempt: 1,
          throttles: 0,
          enqueuedAt: Date.now(),
        },
        0,
        fn.record.timeoutSec,
        requestId,
        client,
      );
      return true;
    });
  }

  private async handle(job: AsyncJob, redelivery = 0): Promise<void> {
    let fn: ResolvedFunction;
    try {
      fn = await this.o.invoker.resolve(job.functionName, job.version);
    } catch {
      this.o.log.warn(`dropping event ${job.requestId}: function ${job.functionName} no longer exists`);
      return;
    }
    if (fn.record.id !== job.functionId) return; // deleted and created anew: not the same function
    const cfg = await loadEventConfig(this.o.pool, job.functionId, job.qualifier);
    if (Date.now() - job.enqueuedAt > cfg.maximumEventAgeSeconds * 1000)
      return this.fail(fn, job, cfg, "EventAgeExceeded", null);
    // A job seen again after it started (its server died, or settling it failed) may already
    // have run: its record says so, and it does not run twice.
    const ran = redelivery > 0 ? await this.alreadyRan(job) : null;
    let result: InvokeResult;
    if (ran) result = ran;
    else {
      try {
        result = await this.o.invoker.run(fn, Buffer.from(job.payload), {
          requestId: job.requestId,
          trigger: job.trigger ?? "async",
          attempt: job.attempt,
          qualifier: job.qualifier,
          // Every attempt joins the event's trace (its caller's, or its own from the request id).
          trace: {
            ...(job.trace ?? { traceId: traceIdFromRequestId(job.requestId), parentSpanId: null }),
            sampled: null,
          },
        });
      } catch (err) {
        if (err instanceof AppError && err.code === "TooManyRequestsException") {
          // Throttled events wait and come back; they do not use up an attempt.
          const delay = Math.min(8, 2 ** Math.min(job.throttles, 3));
          return this.send({ ...job, throttles: job.throttles + 1 }, delay, fn.record.timeoutSec);
        }
        throw err; // pg-boss retries it
      }
      // The record is stored before the job completes, so a crash after this point loses nothing.
      // When it cannot be stored now the writer keeps it and retries; the job goes on either way,
      // because failing it would run the function again.
      await this.o.flushRecords().catch((e: Error) =>
        this.o.log.warn(`event ${job.requestId} ran; its record is not stored yet (${e.message})`, {
          functionName: job.functionName,
        }),
      );
    }
    if (result.outcome === "Success") {
      if (cfg.onSuccessDestination)
        await deliverToDestination(this.o, this.requeue, cfg.onSuccessDestination, fn, job, "Success", result);
      return;
    }
    if (job.attempt <= cfg.maximumRetryAttempts) {
      const delay = this.o.retryDelaysSeconds[Math.min(job.attempt - 1, this.o.retryDelaysSeconds.length - 1)] ?? 60;
      return this.send({ ...job, attempt: job.attempt + 1 }, delay, fn.record.timeoutSec);
    }
    return this.fail(fn, job, cfg, "RetriesExhausted", result);
  }

  /** The outcome of this job's attempt when it already ran (record stored or still in memory), else null. */
  private async alreadyRan(job: AsyncJob): Promise<InvokeResult | null> {
    if (this.o.recordPending(job.requestId, job.attempt)) await this.o.flushRecords();
    const ran = await recordedOutcome(this.o.pool, job.requestId, job.attempt);
    if (ran)
      this.o.log.info(
        `event ${job.requestId} attempt ${job.attempt} already ran (${ran.outcome}); not running it again`,
      );
    return ran;
  }

  private async fail(
    fn: ResolvedFunction,
    job: AsyncJob,
    cfg: EventConfig,
    condition: DestinationCondition,
    result: InvokeResult | null,
  ): Promise<void> {
    const dlq = await sendToDeadLetterQueue(this.o, fn, job, result);
    if (
      cfg.onFailureDestination &&
      (await deliverToDestination(this.o, this.requeue, cfg.onFailureDestination, fn, job, condition, result))
    )
      return;
    if (dlq) return;
    await insertDeadLetter(this.o.pool, {
      functionId: fn.record.id,
      functionName: fn.record.name,
      requestId: job.requestId,
      payload: job.payload,
      condition,
      error: result?.error ?? null,
      attempts: result ? job.attempt : job.attempt - 1,
    });
  }

  /** Redrives a dead letter: its event is queued again as a new invocation. */
  async redrive(deadLetterId: string): Promise<string> {
    if (!/^[0-9a-f-]{36}$/i.test(deadLetterId))
      throw new AppError("ResourceNotFoundException", `Dead letter ${deadLetterId.slice(0, 64)} not found`);
    const letter = await takeDeadLetter(this.o.pool, deadLetterId);
    if (!letter)
      throw new AppError("ResourceNotFoundException", `Dead letter ${deadLetterId} not found or already redriven`);
    const fn = await this.o.invoker.resolve(letter.functionName);
    const requestId = randomUUID();
    await this.enqueue(fn, Buffer.from(letter.payload), requestId);
    return requestId;
  }

  /** Stops fetching and lets running events finish (bounded); queued ones stay for the next start. */
  async stop(graceMs: number): Promise<void> {
    await this.boss
      .stop({ graceful: true, timeout: graceMs, close: true })
      .catch((e: Error) => this.o.log.warn(`the event queue did not stop cleanly: ${e.message}`));
  }
}
