/**
 * Fires schedules. Every server runs one; they coordinate only through PostgreSQL: a due slot
 * is claimed by inserting (scheduleId, slot) into schedule_fires, in the same transaction as
 * the async job that runs the function, so each slot fires exactly once across servers and a
 * crash cannot claim without queueing. Slots missed while every server was down fire late if
 * they are within the schedule's maximum event age, and are recorded as missed otherwise.
 * Idle cost: one timer for the earliest slot, and one small query every few seconds to notice
 * schedules changed by other servers.
 */
import { randomUUID } from "node:crypto";
import type pg from "pg";
import { nextFireTimes, parseScheduleExpression, type ParsedSchedule } from "@/lib/scheduler/expression";
import type { DurableAsyncQueue } from "@/lib/queue/durable-async";
import type { ResolvedFunction } from "@/lib/invoke/resolver";
import type { Logger } from "@/lib/log";

interface Row {
  id: string;
  functionName: string;
  name: string;
  expression: string;
  timeZone: string;
  input: string | null;
  maximumEventAgeSeconds: number;
  startAt: Date;
}

interface Entry {
  row: Row;
  parsed: ParsedSchedule;
  next: number | null;
}

export interface RunnerOptions {
  pool: pg.Pool;
  queue: DurableAsyncQueue;
  resolve: (name: string) => Promise<ResolvedFunction>;
  region: string;
  accountId: string;
  log: Logger;
  /** How often to look for schedules changed elsewhere. */
  pollMs?: number;
}

const CATCH_UP_LIMIT = 100;
const MAX_SLEEP_MS = 60_000;
const CLAIM = `INSERT INTO schedule_fires ("scheduleId", slot, status, "requestId", "lateMs")
  VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING 1`;

export class ScheduleRunner {
  private entries = new Map<string, Entry>();
  private timer: NodeJS.Timeout | null = null;
  private poller: NodeJS.Timeout | null = null;
  private stamp = "";
  private ticking = false;
  private stopped = false;
  private reloading: Promise<void> | null = null;

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

  /** Re-reads every enabled schedule (on local changes, and when the stamp moved); calls run one after another. */
  reload(): Promise<void> {
    const next = (this.reloading ?? Promise.resolve()).catch(() => {}).then(() => this.doReload());
    this.reloading = next;
    void next.finally(() => {
      if (this.reloading === next) this.reloading = null;
    });
    return next;
  }

  private async doReload(): Promise<void> {
    const [{ rows }, last, stamp] = await Promise.all([
      this.o.pool.query<Row>(
        `SELECT s.id, f.name AS "functionName", s.name, s.expression, s."timeZone", s.input, s."maximumEventAgeSeconds",
           s."startAt"
         FROM schedules s JOIN functions f ON f.id = s."functionId" WHERE s.enabled`,
      ),
      this.o.pool.query<{ scheduleId: string; slot: Date }>(
        `SELECT "scheduleId", max(slot) AS slot FROM schedule_fires GROUP BY "scheduleId"`,
      ),
      this.readStamp(),
    ]);
    this.stamp = stamp;
    const lastSlot = new Map(last.rows.map((r) => [r.scheduleId, r.slot.getTime()]));
    const now = Date.now();
    const entries = new Map<string, Entry>();
    for (const row of rows) {
      let parsed: ParsedSchedule;
      try {
        parsed = parseScheduleExpression(row.expression);
      } catch (err) {
        this.o.log.warn(
          `schedule ${row.name} of ${row.functionName} is invalid and does not fire: ${(err as Error).message}`,
        );
        continue;
      }
      // As in EventBridge, a rate schedule fires at its start; later slots follow the last one claimed.
      const after = Math.max(lastSlot.get(row.id) ?? 0, row.startAt.getTime() - 1);
      const due = this.times(row, parsed, after, CATCH_UP_LIMIT).filter((t) => t <= now);
      const entry: Entry = { row, parsed, next: null };
      entries.set(row.id, entry);
      for (const slot of due) {
        if (now - slot > row.maximumEventAgeSeconds * 1000) await this.claim(entry, slot, "missed");
        else await this.fire(entry, slot);
      }
      entry.next = this.times(row, parsed, Math.max(after, now - 1), 1)[0] ?? null;
    }
    this.entries = entries;
    this.arm();
  }

  private times(row: Row, parsed: ParsedSchedule, afterMs: number, count: number): number[] {
    return nextFireTimes(parsed, { after: new Date(afterMs), count, timeZone: row.timeZone, start: row.startAt }).map(
      (d) => d.getTime(),
    );
  }

  private arm(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.stopped) return;
    let earliest = Infinity;
    for (const e of this.entries.values()) if (e.next !== null && e.next < earliest) earliest = e.next;
    if (earliest === Infinity) return;
    this.timer = setTimeout(() => void this.tick(), Math.min(MAX_SLEEP_MS, Math.max(0, earliest - Date.now())));
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    if (this.ticking) return;
    this.ticking = true;
    try {
      const now = Date.now();
      for (const e of this.entries.values()) {
        while (e.next !== null && e.next <= now) {
          const slot = e.next;
          await this.fire(e, slot).catch((err: Error) =>
            this.o.log.warn(`schedule ${e.row.name} could not fire: ${err.message}`, {
              functionName: e.row.functionName,
            }),
          );
          e.next = this.times(e.row, e.parsed, slot, 1)[0] ?? null;
        }
      }
    } finally {
      this.ticking = false;
      this.arm();
    }
  }

  /** Claims the slot and queues the invocation together; another server may have won it. */
  private async fire(e: Entry, slot: number): Promise<void> {
    let fn: ResolvedFunction;
    try {
      fn = await this.o.resolve(e.row.functionName);
    } catch {
      return; // the function is gone; its schedules go with it
    }
    const requestId = randomUUID();
    const payload = e.row.input ?? JSON.stringify(this.scheduledEvent(e.row, slot));
    await this.o.queue.enqueueClaimed(
      CLAIM,
      [e.row.id, new Date(slot), "fired", requestId, Math.max(0, Date.now() - slot)],
      fn,
      payload,
      requestId,
    );
  }

  private async claim(e: Entry, slot: number, status: "missed"): Promise<void> {
    await this.o.pool.query(CLAIM, [e.row.id, new Date(slot), status, null, Math.max(0, Date.now() - slot)]);
  }

  /** EventBridge's Scheduled Event, as a function without fixed input receives it. */
  private scheduledEvent(row: Row, slot: number) {
    return {
      version: "0",
      id: randomUUID(),
      "detail-type": "Scheduled Event",
      source: "aws.events",
      account: this.o.accountId,
      time: new Date(slot).toISOString().replace(/\.\d{3}Z$/, "Z"),
      region: this.o.region,
      resources: [`arn:aws:scheduler:${this.o.region}:${this.o.accountId}:schedule/default/${row.name}`],
      detail: {},
    };
  }

  private async readStamp(): Promise<string> {
    const r = await this.o.pool.query<{ n: string; at: Date | null }>(
      `SELECT count(*)::text AS n, max("updatedAt") AS at FROM schedules`,
    );
    const row = r.rows[0]!; // an aggregate without GROUP BY returns exactly one row
    return `${row.n}:${row.at?.getTime() ?? 0}`;
  }

  private async checkForChanges(): Promise<void> {
    try {
      if ((await this.readStamp()) !== this.stamp) await this.reload();
    } catch (err) {
      this.o.log.warn(`could not look for changed schedules: ${(err as Error).message}`);
    }
  }

  /** Whether a schedule is loaded to fire (enabled, valid, its function present). */
  has(scheduleId: string): boolean {
    return this.entries.has(scheduleId);
  }
}
