/**
 * Is the database there? One watcher per server: a `SELECT 1` every 2 s (every 500 ms while it
 * is down), plus the signals that come sooner — the pool's idle-client errors, the embedded
 * PostgreSQL's exit. /api/health reports what it knows; API errors caused by a database that is
 * down are answered 503 ServiceUnavailableException (lib/errors.ts), never 500.
 */
import pg from "pg";
import { connectionReason, isConnectionError } from "@/lib/connection-errors";
import type { Logger } from "@/lib/log";

const PROBE_UP_MS = 2_000;
const PROBE_DOWN_MS = 500;
const PROBE_TIMEOUT_MS = 3_000;

export interface DatabaseState {
  state: "up" | "down";
  /** When the current state began (epoch ms). */
  since: number;
  /** Why it is down (a short reason, no credentials). */
  error: string | null;
}

export class DatabaseHealth {
  private current: DatabaseState = { state: "up", since: Date.now(), error: null };
  private timer: NodeJS.Timeout | null = null;
  private probing = false;
  private stopped = false;
  /** A connection of its own: a pool busy with long queries must not look like a database that is down. */
  private readonly probePool: pg.Pool;

  constructor(
    url: string,
    watched: pg.Pool,
    private readonly log: Logger,
  ) {
    this.probePool = new pg.Pool({ connectionString: url, max: 1, connectionTimeoutMillis: PROBE_TIMEOUT_MS });
    this.probePool.on("error", () => {}); // the next probe reports it
    watched.on("error", (err) => {
      if (isConnectionError(err)) this.down(connectionReason(err));
    });
  }

  get snapshot(): DatabaseState {
    return { ...this.current };
  }

  get isUp(): boolean {
    return this.current.state === "up";
  }

  start(): void {
    this.schedule(PROBE_UP_MS);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.probePool.end().catch(() => {});
  }

  /** The database is known to be unreachable (a probe failed, the embedded server exited). */
  down(reason: string): void {
    if (this.current.state === "down") {
      this.current.error = reason;
      return;
    }
    this.current = { state: "down", since: Date.now(), error: reason };
    this.log.warn(`the database is unavailable: ${reason}; API calls that need it answer 503 until it is back`);
    this.schedule(PROBE_DOWN_MS, true);
  }

  private up(): void {
    if (this.current.state === "up") return;
    const secs = ((Date.now() - this.current.since) / 1000).toFixed(1);
    this.current = { state: "up", since: Date.now(), error: null };
    this.log.info(`the database is back after ${secs} s`);
  }

  private schedule(ms: number, now = false): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.probe(), now ? 0 : ms);
    this.timer.unref();
  }

  /** One `SELECT 1`, bounded in time; reschedules itself. */
  async probe(): Promise<void> {
    if (this.probing || this.stopped) return;
    this.probing = true;
    let timeout: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.probePool.query("SELECT 1"),
        new Promise((_, reject) => {
          timeout = setTimeout(() => reject(new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`)), PROBE_TIMEOUT_MS);
        }),
      ]);
      this.up();
    } catch (err) {
      this.down(connectionReason(err));
    } finally {
      clearTimeout(timeout);
      this.probing = false;
      this.schedule(this.isUp ? PROBE_UP_MS : PROBE_DOWN_MS);
    }
  }
}
