/**
 * Audit entries of things the system notices on its own (sandbox kills, refused code). They
 * come from the executor and the resolver, on or near the invoke path, so they are buffered
 * in memory and written in one multi-row INSERT at most once a second — never awaited by an
 * invocation. A failed flush keeps the rows for the next one (bounded); a row PostgreSQL
 * refuses for its content is isolated, logged and dropped, never blocking the others.
 */
import type pg from "pg";
import { insertIsolating } from "@/lib/db/isolating-insert";
import { jsonbStringify, pgText } from "@/lib/db/text";
import { SYSTEM_ACTOR, type Actor } from "@/lib/services/audit/actor";
import { createLogger, type Logger } from "@/lib/log";

export interface BufferedAuditEntry {
  action: string;
  resource: string;
  details: Record<string, unknown>;
  actor?: Actor;
  at?: number;
}

interface Row {
  action: string;
  resource: string;
  details: Record<string, unknown>;
  actor: Actor;
  at: number;
}

const INSERT = `INSERT INTO audit_events ("at","actorType","actor","action","resource","details","sourceIp")
SELECT to_timestamp(t / 1000.0), ty, a, ac, r, d::jsonb, ip
FROM unnest($1::float8[],$2::text[],$3::text[],$4::text[],$5::text[],$6::text[],$7::text[])
  AS x(t, ty, a, ac, r, d, ip)`;

const MAX_PENDING = 10_000;

export class AuditBuffer {
  private pending: Row[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;

  constructor(
    private readonly pool: pg.Pool,
    private readonly flushMs = 1000,
    private readonly log: Logger = createLogger("audit"),
  ) {}

  push(e: BufferedAuditEntry): void {
    if (this.pending.length >= MAX_PENDING) {
      this.log.warn(`buffer full: dropped ${e.action} ${e.resource}`);
      return;
    }
    this.pending.push({
      action: e.action,
      resource: e.resource,
      details: e.details,
      actor: e.actor ?? SYSTEM_ACTOR,
      at: e.at ?? Date.now(),
    });
    this.schedule(this.flushMs);
  }

  private schedule(ms: number): void {
    if (this.timer) return;
    this.timer = setTimeout(() => void this.flush(), ms);
    this.timer.unref();
  }

  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    while (this.flushing) await this.flushing;
    const rows = this.pending.splice(0);
    if (!rows.length) return;
    this.flushing = insertIsolating(
      rows,
      (r) => this.insert(r),
      (row, err) =>
        this.log.warn(`PostgreSQL refused the entry ${row.action} ${row.resource} (${err.message}); dropped`),
    )
      .then(
        () => undefined,
        (err: Error) => {
          this.log.warn(`could not write ${rows.length} entries: ${err.message}`);
          this.pending.unshift(...rows.slice(0, MAX_PENDING - this.pending.length));
          this.schedule(this.flushMs * 5);
        },
      )
      .finally(() => {
        this.flushing = null;
      });
    await this.flushing;
  }

  /** Final flush; returns how many entries could not be written. */
  async close(): Promise<number> {
    await this.flush();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    return this.pending.length;
  }

  private insert(rows: Row[]): Promise<unknown> {
    return this.pool.query(INSERT, [
      rows.map((r) => r.at),
      rows.map((r) => r.actor.type),
      rows.map((r) => pgText(r.actor.id)),
      rows.map((r) => r.action),
      rows.map((r) => pgText(r.resource)),
      rows.map((r) => jsonbStringify(r.details)),
      rows.map((r) => r.actor.sourceIp ?? null),
    ]);
  }
}
