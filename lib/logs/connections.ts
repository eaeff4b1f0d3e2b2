/** An invocation's outbound connections (invocation_connections), as the console's log view shows them. */
import type pg from "pg";

export interface ConnectionItem {
  /** ISO 8601, when the connection was opened (or refused). */
  ts: string;
  /** What the function asked for: a host name, or an address. */
  host: string;
  /** The address dialled, when known. */
  address: string | null;
  port: number;
  protocol: string;
  bytesOut: number;
  bytesIn: number;
  durationMs: number;
  allowed: boolean;
  /** Why it was denied (or the error it ended with). */
  reason: string | null;
}

/** The first `limit` connections of a request (every attempt), oldest first, and how many there are. */
export async function getInvocationConnections(
  pool: pg.Pool,
  requestId: string,
  limit = 200,
): Promise<{ items: ConnectionItem[]; total: number }> {
  const { rows } = await pool.query<Omit<ConnectionItem, "ts"> & { ts: Date; total: number }>(
    `SELECT ts, host, address, port, protocol, "bytesOut"::float8 AS "bytesOut", "bytesIn"::float8 AS "bytesIn",
            "durationMs", allowed, reason, count(*) OVER ()::int AS total
       FROM invocation_connections WHERE "requestId" = $1 ORDER BY ts, id LIMIT $2`,
    [requestId, limit],
  );
  return {
    items: rows.map(({ total: _total, ts, ...r }) => ({ ...r, ts: ts.toISOString() })),
    total: rows[0]?.total ?? 0,
  };
}
