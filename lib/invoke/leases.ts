/**
 * The database side of cluster-wide concurrency: each server holds a share ("slots") of each
 * limit it uses, in concurrency_leases. Shares are granted under a per-pool advisory lock, so
 * the live ones never add up to more than the limit, and renewed in one statement every few
 * seconds; a share not renewed for `ttlSeconds` (its server died) is free for the others.
 * The invoke path never waits on these statements unless its server's share is used up
 * (lib/invoke/admission.ts).
 */
import { createHash } from "node:crypto";
import type pg from "pg";

export interface Renewal {
  pool: string;
  /** Shrinks the share to this many; null keeps it. Never grows it: growing is `grow`'s job. */
  slots: number | null;
  wanted: number;
}

export interface LeaseStore {
  /** Asks for `want` slots in all for this server; returns how many it holds now (≤ limit − the others'). */
  grow(pool: string, limit: number, want: number): Promise<number>;
  /** Renews this server's live shares: what each now holds, and the pools where another server wants more. */
  renew(entries: Renewal[]): Promise<{ held: Map<string, number>; contended: Set<string> }>;
  releaseAll(): Promise<void>;
}

export class PgLeaseStore implements LeaseStore {
  constructor(
    private readonly pool: pg.Pool,
    readonly serverId: string,
    private readonly ttlSeconds: number,
  ) {}

  async grow(poolKey: string, limit: number, want: number): Promise<number> {
    const c = await this.pool.connect();
    try {
      // One simple query: begin and wait for the pool's lock (a number, so nothing to escape).
      await c.query(`BEGIN; SELECT pg_advisory_xact_lock(${lockKey(poolKey)})`);
      const r = await c.query<{ slots: number }>(
        `WITH others AS (
           SELECT COALESCE(SUM(slots), 0)::int AS n FROM concurrency_leases
            WHERE pool = $1 AND "serverId" <> $2 AND "expiresAt" > now()),
         granted AS (SELECT GREATEST(0, LEAST($4::int, $3::int - n)) AS g FROM others)
         INSERT INTO concurrency_leases (pool, "serverId", slots, wanted, "expiresAt")
         SELECT $1, $2, g, GREATEST($4::int - g, 0), now() + make_interval(secs => $5) FROM granted
         ON CONFLICT (pool, "serverId") DO UPDATE
           SET slots = EXCLUDED.slots, wanted = EXCLUDED.wanted, "expiresAt" = EXCLUDED."expiresAt"
         RETURNING slots`,
        [poolKey, this.serverId, limit, want, this.ttlSeconds],
      );
      await c.query("COMMIT");
      return r.rows[0]!.slots;
    } catch (err) {
      await c.query("ROLLBACK").catch(() => {});
      throw err;
    } finally {
      c.release();
    }
  }

  async renew(entries: Renewal[]): Promise<{ held: Map<string, number>; contended: Set<string> }> {
    const r = await this.pool.query<{ pool: string; slots: number; contended: boolean }>(
      `WITH v AS (SELECT * FROM unnest($2::text[], $3::int[], $4::int[]) AS v(pool, slots, wanted)),
       renewed AS (
         UPDATE concurrency_leases l
            SET slots = CASE WHEN v.slots IS NULL THEN l.slots ELSE LEAST(l.slots, v.slots) END,
                wanted = v.wanted, "expiresAt" = now() + make_interval(secs => $5)
           FROM v
          WHERE l.pool = v.pool AND l."serverId" = $1 AND l."expiresAt" > now()
         RETURNING l.pool, l.slots),
       swept AS (DELETE FROM concurrency_leases WHERE "expiresAt" < now() - interval '1 minute')
       SELECT r.pool, r.slots, EXISTS (
                SELECT 1 FROM concurrency_leases o
                 WHERE o.pool = r.pool AND o."serverId" <> $1 AND o.wanted > 0 AND o."expiresAt" > now()
              ) AS contended
         FROM renewed r`,
      [
        this.serverId,
        entries.map((e) => e.pool),
        entries.map((e) => e.slots),
        entries.map((e) => e.wanted),
        this.ttlSeconds,
      ],
    );
    const held = new Map<string, number>();
    const contended = new Set<string>();
    for (const row of r.rows) {
      held.set(row.pool, row.slots);
      if (row.contended) contended.add(row.pool);
    }
    return { held, contended };
  }

  async releaseAll(): Promise<void> {
    await this.pool.query(`DELETE FROM concurrency_leases WHERE "serverId" = $1`, [this.serverId]);
  }
}

/** A stable signed 64-bit advisory lock key per pool. */
function lockKey(poolKey: string): string {
  return createHash("sha256").update(`nimbus.concurrency:${poolKey}`).digest().readBigInt64BE(0).toString();
}
