/**
 * Active access keys' secrets, decrypted, in memory: the invoke path reads no table. An entry
 * lives a minute at most (a backstop); a change made on any server drops it at once here
 * (locally, and through the NOTIFY feed on the others). Unknown ids are remembered briefly, so
 * a flood of made-up keys is not a flood of queries. last_used_at is written in one batch a
 * minute, never on the request path. While the database is down, a key known from the last
 * quarter of an hour keeps working, so warm functions keep serving.
 */
import type pg from "pg";
import type { SecretSource } from "@/lib/aws/sigv4/verify";
import { isConnectionError } from "@/lib/connection-errors";
import { createLogger, type Logger } from "@/lib/log";

const POSITIVE_TTL_MS = 60_000;
const NEGATIVE_TTL_MS = 2_000;
const MAX_ENTRIES = 10_000;
const USED_FLUSH_MS = 60_000;

/**
 * While the database cannot be reached, a key loaded this recently keeps working
 * (nobody can deactivate it meanwhile).
 */
const STALE_IF_DOWN_MS = 15 * 60_000;
const RETRY_WHILE_DOWN_MS = 5_000;

interface Entry {
  value: Promise<string | null>;
  expiresAt: number;
  /** The secret last loaded, and when: served while the database is down. */
  known?: { secret: string; at: number };
}

export class AccessKeyCache implements SecretSource {
  private readonly entries = new Map<string, Entry>();
  private readonly used = new Map<string, number>();
  private readonly flushedAt = new Map<string, number>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly pool: pg.Pool,
    private readonly openSecret: (sealed: Uint8Array, id: string) => string,
    private readonly log: Logger = createLogger("access-keys"),
  ) {
    this.timer = setInterval(() => void this.flushUsed(), USED_FLUSH_MS);
    this.timer.unref();
  }

  activeSecret(id: string): Promise<string | null> {
    const now = Date.now();
    const hit = this.entries.get(id);
    if (hit && hit.expiresAt > now) return hit.value;
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    const known = hit?.known;
    const entry: Entry = { value: Promise.resolve(null), expiresAt: now + POSITIVE_TTL_MS, known };
    entry.value = this.load(id).then(
      (secret) => {
        entry.known = secret === null ? undefined : { secret, at: Date.now() };
        return secret;
      },
      (err: unknown) => {
        if (!known || !isConnectionError(err) || Date.now() - known.at > STALE_IF_DOWN_MS) throw err;
        entry.expiresAt = Date.now() + RETRY_WHILE_DOWN_MS;
        return known.secret;
      },
    );
    this.entries.set(id, entry);
    entry.value.then(
      (secret) => {
        if (secret === null) entry.expiresAt = Date.now() + NEGATIVE_TTL_MS;
      },
      () => this.entries.get(id) === entry && this.entries.delete(id),
    );
    return entry.value;
  }

  private async load(id: string): Promise<string | null> {
    if (id.length > 128) return null;
    const r = await this.pool.query<{ secretCipher: Buffer; status: string }>(
      `SELECT "secretCipher", status FROM access_keys WHERE id = $1`,
      [id],
    );
    const row = r.rows[0];
    if (row?.status !== "Active") return null;
    try {
      return this.openSecret(row.secretCipher, id);
    } catch {
      this.log.error(`access key ${id} does not decrypt (altered, or sealed under another master key); refusing it`);
      return null;
    }
  }

  invalidate(id: string): void {
    this.entries.delete(id);
  }

  invalidateAll(): void {
    this.entries.clear();
  }

  noteUsed(id: string): void {
    const now = Date.now();
    // At most one write a minute per key: skip when the last flushed time is recent.
    if (now - (this.flushedAt.get(id) ?? 0) < USED_FLUSH_MS) return;
    this.used.set(id, now);
  }

  async flushUsed(): Promise<void> {
    if (this.used.size === 0) return;
    const ids = [...this.used.keys()];
    const times = ids.map((id) => new Date(this.used.get(id)!).toISOString());
    this.used.clear();
    for (const [i, id] of ids.entries()) this.flushedAt.set(id, Date.parse(times[i]!));
    await this.pool
      .query(
        `UPDATE access_keys k SET "lastUsedAt" = GREATEST(k."lastUsedAt", u.t)
         FROM unnest($1::text[], $2::timestamptz[]) AS u(id, t) WHERE k.id = u.id`,
        [ids, times],
      )
      .catch((e: Error) => this.log.warn(`could not record last use: ${e.message}`));
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flushUsed();
  }
}
