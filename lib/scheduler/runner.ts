/**
 * Fires schedules. Every server runs one; they coordinate only through PostgreSQL: a due slot
 * is claimed by inserting (scheduleId, slot) into schedule_fires, in the same transaction as
 * the async job that runs the function, so each slot fires exactly once across servers and a
 * crash cannot claim without queueing. Slots missed while every server was down fire late if
 * they are within the schedule's maximum event age, and are recorded as missed otherwise.
 *
 * What a schedule adds to that: StartDate and EndDate bound its slots; a flexible time window
 * delays each slot by an offset every server derives the same way (delivery.ts); a target that
 * cannot be reached (a version or alias that does not exist, the database away) is retried with
 * backoff up to the schedule's retry attempts and event age, then recorded as failed; a
 * schedule whose ActionAfterCompletion is DELETE is deleted once it has no more slots.
 * Idle cost: one timer for the earliest slot, and one small query every few seconds to notice
 * schedules changed by other servers.
 */
import { randomUUID } from "node:crypto";
import type pg from "pg";
import { nextFireTimes, parseScheduleExpression, type ParsedSchedule } from "@/lib/scheduler/expression";
import { flexibleOffsetMs, retryDelayMs, scheduledEvent } from "@/lib/scheduler/delivery";
import {
  CLAIM,
  claimUnfired,
  deleteCompleted,
  loadLastSlots,
  loadSchedules,
  readStamp,
  type ScheduleRow,
} from "@/lib/scheduler/runner-store";
import { targetLabel } from "@/lib/workflows/arn";
import type { DurableAsyncQueue } from "@/lib/queue/durable-async";
import type { ResolvedFunction } from "@/lib/invoke/resolver";
import type { Logger } from "@/lib/log";

/** A slot whose time has come, waiting for its (flexible) due time or its next delivery attempt. */
interface Pending {
  slot: number;
  dueAt: number;
  attempt: number;
  /** When to try next. */
  at: number;
}

interface Entry {
  row: ScheduleRow;
  parsed: ParsedSchedule;
  /** The row as loaded: an unchanged row keeps its entry (and its pending slots) across reloads. */
  key: string;
  /** The next slot whose time has not come yet. */
  next: number | null;
  pending: Pending[];
  /** Whether any slot of this schedule has been claimed (fired, missed or failed). */
  claimedAny: boolean;
}

export interface RunnerOptions {
  pool: pg.Pool;
  queue: DurableAsyncQueue;
  /** The function (and version or alias) a schedule targets; rejects when there is none. */
  resolve: (name: string, qualifier: string | null) => Promise<ResolvedFunction>;
  region: string;
  accountId: string;
  log: Logger;
  /** How often to look for schedules changed elsewhere. */
  pollMs?: number;
  /** The first delivery retry's delay; later ones double. */
  retryBaseMs?: number;
  /** A schedule was deleted after completing (ActionAfterCompletion DELETE); `target` names its function or state machine. */
  onCompleted?: (s: { target: string; groupName: string; name: string }) => void;
  /**
   * Claims a slot (claim.sql) and starts an execution of a state machine in one transaction (false:
   * another server had claimed it). Without it, schedules of state machines fail to deliver.
   */
  startExecution?: (
    claim: { sql: string; params: unknown[] },
    machine: string,
    input: string,
    name: string,
  ) => Promise<boolean>;
}

const CATCH_UP_LIMIT = 100;
const MAX_SLEEP_MS = 60_000;

export class ScheduleRunner {
  private entries = new Map<string, Entry>();
  private timer: NodeJS.Timeout | null = null;
  private poller: NodeJS.Timeout | null = null;
  private stamp = "";
  private stopped = false;
  private tickQueued = false;
  /** Reloads and ticks run one after another, never interleaved. */
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly o: RunnerOptions) {}

  async start(): Promise<void> {
    await this.reload();
    this.poller = setInterval(() => void this.checkForChanges(), this.o.pollMs ?? 5000);
    this.poller.unref();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.poller) clearInterval(this.poller);
  }

  /** Re-reads every enabled schedule (on local changes, and when the stamp moved). */
  reload(): Promise<void> {
    return this.serial(() => this.doReload());
  }

  /** Whether a schedule is loaded to fire (enabled, valid, its function present). */
  has(scheduleId: string): boolean {
    return this.entries.has(scheduleId);
  }

  private serial(fn: () => Promise<void>): Promise<void> {
    const next = this.chain.then(fn);
    this.chain = next.catch(() => {});
    return next;
  }

  private async doReload(): Promise<void> {
    const [rows, lastSlot, stamp] = await Promise.all([
      loadSchedules(this.o.pool),
      loadLastSlots(this.o.pool),
      readStamp(this.o.pool),
    ]);
    this.stamp = stamp;
    const entries = new Map<string, Entry>();
    for (const row of rows) {
      const key = JSON.stringify(row);
      const known = this.entries.get(row.id);
      if (known?.key === key) {
        entries.set(row.id, known);
        continue;
      }
      let parsed: ParsedSchedule;
      try {
        parsed = parseScheduleExpression(row.expression);
      } catch (err) {
        this.o.log.warn(
          `schedule ${row.name} of ${targetLabel(row)} is invalid and does not fire: ${(err as Error).message}`,
        );
        continue;
      }
      // As in EventBridge, a rate schedule fires at its start; later slots follow the last one claimed.
      const last = lastSlot.get(row.id);
      const after = Math.max(last ?? 0, row.startAt.getTime() - 1);
      const next = this.times(row, parsed, after, 1)[0] ?? null;
      entries.set(row.id, { row, parsed, key, next, pending: [], claimedAny: last !== undefined });
    }
    this.entries = entries;
    try {
      await this.advance(Date.now());
    } finally {
      this.arm();
    }
  }

  private times(row: ScheduleRow, parsed: ParsedSchedule, afterMs: number, count: number): number[] {
    return nextFireTimes(parsed, {
      after: new Date(afterMs),
      count,
      timeZone: row.timeZone,
      start: row.startAt,
      end: row.endDate ?? undefined,
    }).map((d) => d.getTime());
  }

  private arm(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.stopped) return;
    let earliest = Infinity;
    for (const e of this.entries.values()) {
      if (e.next !== null && e.next < earliest) earliest = e.next;
      for (const p of e.pending) if (p.at < earliest) earliest = p.at;
    }
    if (earliest === Infinity) return;
    this.timer = setTimeout(() => this.tick(), Math.min(MAX_SLEEP_MS, Math.max(0, earliest - Date.now())));
    this.timer.unref();
  }

  private tick(): void {
    if (this.tickQueued) return;
    this.tickQueued = true;
    void this.serial(async () => {
      this.tickQueued = false;
      try {
        await this.advance(Date.now());
      } finally {
        this.arm();
      }
    }).catch((err: Error) => this.o.log.warn(`schedules could not be processed: ${err.message}`));
  }

  /** Moves slots whose time has come to pending, delivers those due, and completes finished schedules. */
  private async advance(now: number): Promise<void> {
    for (const e of [...this.entries.values()]) {
      let taken = 0;
      while (e.next !== null && e.next <= now) {
        if (taken++ === CATCH_UP_LIMIT) {
          e.next = this.times(e.row, e.parsed, now - 1, 1)[0] ?? null; // skip what is past the limit
          break;
        }
        const dueAt = e.next + flexibleOffsetMs(e.row.id, e.next, e.row.flexibleWindowMinutes);
        e.pending.push({ slot: e.next, dueAt, attempt: 1, at: dueAt });
        e.next = this.times(e.row, e.parsed, e.next, 1)[0] ?? null;
      }
      for (const p of e.pending.filter((x) => x.at <= now).sort((a, b) => a.slot - b.slot)) {
        const settled = await this.deliver(e, p).catch((err: Error) => {
          this.o.log.warn(`schedule ${e.row.name} could not record a slot: ${err.message}`, {
            target: targetLabel(e.row),
          });
          return true;
        });
        if (settled) e.pending.splice(e.pending.indexOf(p), 1);
      }
      await this.completeIfDone(e, now);
    }
  }

  /** Delivers a slot, or records why not; false when it will be tried again. */
  private async deliver(e: Entry, p: Pending): Promise<boolean> {
    const { row } = e;
    const maxAgeMs = row.maximumEventAgeSeconds * 1000;
    const now = Date.now();
    e.claimedAny = true;
    if (p.attempt === 1 && now - p.dueAt > maxAgeMs) {
      await claimUnfired(this.o.pool, row.id, p.slot, now - p.slot, null);
      return true;
    }
    try {
      await this.fire(e, p.slot);
      return true;
    } catch (err) {
      const wait = retryDelayMs(p.attempt + 1, this.o.retryBaseMs);
      if (p.attempt <= row.maximumRetryAttempts && now + wait - p.dueAt <= maxAgeMs) {
        p.attempt++;
        p.at = now + wait;
        return false;
      }
      const error = (err as Error).message.slice(0, 1000);
      this.o.log.warn(`schedule ${row.name} failed to deliver a slot after ${p.attempt} attempts: ${error}`, {
        target: targetLabel(row),
      });
      await claimUnfired(this.o.pool, row.id, p.slot, now - p.slot, { error, attempts: p.attempt });
      return true;
    }
  }

  /** Claims the slot and queues the invocation together; another server may have won it. */
  private async fire(e: Entry, slot: number): Promise<void> {
    const requestId = randomUUID();
    const payload = e.row.input ?? JSON.stringify(scheduledEvent(this.o, e.row, slot));
    const claim = [e.row.id, new Date(slot), "fired", requestId, Math.max(0, Date.now() - slot)];
    if (e.row.stateMachineName) {
      if (!this.o.startExecution) throw new Error("state machine targets are not available on this server");
      await this.o.startExecution({ sql: CLAIM, params: claim }, e.row.stateMachineName, payload, requestId);
      return;
    }
    const fn = await this.o.resolve(e.row.functionName ?? "", e.row.qualifier);
    await this.o.queue.enqueueClaimed(CLAIM, claim, fn, payload, requestId, e.row.qualifier ?? "$LATEST");
  }

  /** ActionAfterCompletion DELETE: a schedule with no slots left (after firing, or past its EndDate) goes. */
  private async completeIfDone(e: Entry, now: number): Promise<void> {
    const { row } = e;
    if (row.actionAfterCompletion !== "DELETE" || e.next !== null || e.pending.length > 0) return;
    if (!e.claimedAny && !(row.endDate && row.endDate.getTime() <= now)) return;
    const deleted = await deleteCompleted(this.o.pool, row);
    this.entries.delete(row.id); // deleted, or changed since it was read (the reload that follows brings it back)
    if (deleted) {
      this.o.log.info(`schedule ${row.name} completed and was deleted (ActionAfterCompletion DELETE)`, {
        target: targetLabel(row),
      });
      this.o.onCompleted?.({ target: targetLabel(row), groupName: row.groupName, name: row.name });
    }
  }

  private async checkForChanges(): Promise<void> {
    try {
      if ((await readStamp(this.o.pool)) !== this.stamp) await this.reload();
    } catch (err) {
      this.o.log.warn(`could not look for changed schedules: ${(err as Error).message}`);
    }
  }
}
