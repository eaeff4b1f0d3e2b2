/**
 * The message store's own connections. A queue table changes faster than PostgreSQL's statistics
 * follow: right after a burst of sends the planner believes a queue holds a handful of rows and
 * answers a receive with a bitmap scan of every visible message plus a sort (4.4 ms for a
 * 10,000-message backlog) instead of reading the oldest ten off the index (0.07 ms). These
 * connections plan without bitmap scans, so a receive always walks its index in order and stops
 * at its LIMIT; nothing else runs on them.
 *
 * With `relaxed`, they also commit without waiting for the WAL flush (synchronous_commit off): for
 * receives, deletes and visibility changes, whose loss in a PostgreSQL crash (not a Nimbus one) only
 * brings messages back — at least once, as SQS promises. Sends never use them: an acknowledged
 * message is on disk.
 */
import pg from "pg";
import { isConnectionError } from "@/lib/connection-errors";
import type { Logger } from "@/lib/log";

export function createQueuePool(url: string, log: Logger, o: { max?: number; relaxed?: boolean } = {}): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: o.max ?? 10,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 5_000,
    options: `-c enable_bitmapscan=off${o.relaxed ? " -c synchronous_commit=off" : ""}`,
  });
  pool.on("error", (err) => {
    if (!isConnectionError(err)) log.error(`idle queue connection error: ${err.message}`);
  });
  return pool;
}
