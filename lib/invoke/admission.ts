/**
 * Concurrency admission, as Lambda does it, for the whole cluster: a function with reserved
 * concurrency may run that many at once across every server sharing the database (0 = always
 * throttled); the others share the account limit minus all reservations.
 *
 * Each limit is a pool; each server holds a share of each pool it uses (lib/invoke/leases.ts)
 * and admits against that share from memory — a warm invoke does not touch the database. Only
 * when its share is used up does a server ask for more (one transaction); when another server
 * asked and was refused, the holders give back their idle slots at their next renewal. A
 * server that stops renewing (it died) loses its shares after the lease time. See
 * docs/architecture.md, "Concurrency across servers".
 */
import { AppError } from "@/lib/errors";
import type { LeaseStore, Renewal } from "@/lib/invoke/leases";
import type { Logger } from "@/lib/log";

export interface AdmissionOptions {
  accountLimit: number;
  store: LeaseStore;
  /** Names the pools: servers count together when they share the database and this name. */
  cluster: string;
  renewEveryMs: number;
  /** False while the database is known to be down: no share is asked for then. */
  databaseUp?: () => boolean;
  log?: Logger;
}

interface Pool {
  key: string;
  inUse: number;
  /** This server's share. */
  slots: number;
  limit: number;
  waiting: number;
  wanted: number;
  wantedAt: number;
  usedAt: number;
  /** Asking again sooner than this after a refusal throttles without asking. */
  retryAt: number;
  growing: Promise<void> | null;
  grows: number;
  shrinking: boolean;
  contended: boolean;
}

type Release = () => void;

/** A share unused this long is given back. */
const IDLE_MS = 60_000;
/** A refused server asks again at most this often per pool. */
const RETRY_MS = 100;
/** The first share asked for: a few slots, so a function going from 1 to 4 at once asks once. */
const FIRST_ASK = 4;

export class Admission {
  private readonly pools = new Map<string, Pool>();
  private totalReserved = 0;
  private timer: NodeJS.Timeout | null = null;
  private renewing: Promise<void> | null = null;
  private warnedLocal = false;

  constructor(private readonly o: AdmissionOptions) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.renew(), this.o.renewEveryMs);
    this.timer.unref();
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.renewing;
    await this.o.store.releaseAll().catch(() => {});
  }

  setTotalReserved(n: number): void {
    this.totalReserved = n;
  }

  /**
   * Takes a slot, or throws TooManyRequestsException with Lambda's Reason. Returns the release
   * function — at once within this server's share, after asking the cluster beyond it.
   */
  acquire(functionId: string, reserved: number | null): Release | Promise<Release> {
    const reason =
      reserved === null ? "ConcurrentInvocationLimitExceeded" : "ReservedFunctionConcurrentInvocationLimitExceeded";
    if (reserved === null) return this.admit("account", Math.max(0, this.o.accountLimit - this.totalReserved), reason);
    return this.admit(`fn:${functionId}`, reserved, reason);
  }

  /**
   * A slot in a pool of `limit` for the whole cluster that is not a function's (an event source
   * mapping's MaximumConcurrency: `esm:<uuid>`), on the same terms as acquire().
   */
  acquireIn(pool: string, limit: number): Release | Promise<Release> {
    return this.admit(pool, limit, "ConcurrentInvocationLimitExceeded");
  }

  private admit(key: string, limit: number, reason: string): Release | Promise<Release> {
    if (limit === 0) throw throttle(reason);
    const p = this.poolOf(key);
    p.limit = limit;
    p.usedAt = Date.now();
    if (p.inUse < Math.min(p.slots, p.limit)) return take(p);
    if (p.inUse >= p.limit || p.shrinking || p.usedAt < p.retryAt) throw throttle(reason);
    return this.growThenTake(p, reason);
  }

  get running(): number {
    let n = 0;
    for (const p of this.pools.values()) n += p.inUse;
    return n;
  }

  /** This server's share of each pool it holds one in, and how much of it is in use (tests read it). */
  shares(): Record<string, { inUse: number; slots: number }> {
    const out: Record<string, { inUse: number; slots: number }> = {};
    for (const p of this.pools.values()) out[p.key] = { inUse: p.inUse, slots: p.slots };
    return out;
  }

  private poolOf(key: string): Pool {
    let p = this.pools.get(key);
    if (!p) {
      const zero = {
        inUse: 0,
        slots: 0,
        limit: 0,
        waiting: 0,
        wanted: 0,
        wantedAt: 0,
        usedAt: 0,
        retryAt: 0,
        grows: 0,
      };
      p = { key, ...zero, growing: null, shrinking: false, contended: false };
      this.pools.set(key, p);
    }
    return p;
  }

  /**
   * Asks the cluster for more until this call fits, or an ask brings nothing (the limit is in use
   * elsewhere). Calls arriving meanwhile share the ask in flight; a burst past one ask's grant asks again.
   */
  private async growThenTake(p: Pool, reason: string): Promise<Release> {
    p.waiting++;
    try {
      for (;;) {
        if (p.inUse < Math.min(p.slots, p.limit)) return take(p);
        if (p.inUse >= p.limit || p.shrinking || Date.now() < p.retryAt) break;
        const before = p.slots;
        p.growing ??= this.grow(p).finally(() => {
          p.growing = null;
        });
        await p.growing;
        if (p.slots <= before && p.inUse >= Math.min(p.slots, p.limit)) {
          p.retryAt = Date.now() + RETRY_MS;
          break;
        }
      }
    } finally {
      p.waiting--;
    }
    throw throttle(reason);
  }

  private async grow(p: Pool): Promise<void> {
    p.grows++;
    const want = Math.min(p.limit, Math.max(p.inUse + p.waiting, 2 * p.slots, FIRST_ASK));
    if (this.o.databaseUp?.() === false) return this.serveLocally(p, "the database is down");
    try {
      const got = await this.o.store.grow(`${this.o.cluster}:${p.key}`, p.limit, want);
      p.slots = got;
      p.wanted = Math.max(0, want - got);
      if (p.wanted) p.wantedAt = Date.now();
    } catch (err) {
      this.serveLocally(p, (err as Error).message);
    }
  }

  /** Without the database, a server admits by its own counters until it can ask again: serving beats the bound. */
  private serveLocally(p: Pool, why: string): void {
    p.slots = p.limit;
    if (!this.warnedLocal) this.o.log?.warn(`concurrency shares cannot be asked for (${why}): counting locally`);
    this.warnedLocal = true;
  }

  /** Renews this server's shares, gives back idle slots where another server wants them, forgets idle pools. */
  renew(): Promise<void> {
    this.renewing ??= this.renewOnce().finally(() => {
      this.renewing = null;
    });
    return this.renewing;
  }

  private async renewOnce(): Promise<void> {
    const now = Date.now();
    const sent: { p: Pool; grows: number }[] = [];
    const entries: Renewal[] = [];
    for (const p of this.pools.values()) {
      if (now - p.wantedAt > this.o.renewEveryMs) p.wanted = 0;
      let slots: number | null = null;
      if (!p.growing) {
        const idle = p.inUse === 0 && now - p.usedAt > IDLE_MS;
        let target = idle ? 0 : p.contended ? p.inUse : p.slots;
        target = Math.min(target, Math.max(p.limit, p.inUse));
        if (target < p.slots) {
          p.slots = slots = target;
          p.shrinking = true;
        }
      }
      sent.push({ p, grows: p.grows });
      entries.push({ pool: `${this.o.cluster}:${p.key}`, slots, wanted: p.wanted });
    }
    if (!entries.length) return;
    let result: Awaited<ReturnType<LeaseStore["renew"]>>;
    try {
      result = await this.o.store.renew(entries);
    } catch (err) {
      for (const { p } of sent) p.shrinking = false;
      this.o.log?.warn(`could not renew concurrency shares: ${(err as Error).message}`);
      return;
    }
    this.warnedLocal = false;
    let giveBack = false;
    for (const { p, grows } of sent) {
      p.shrinking = false;
      const key = `${this.o.cluster}:${p.key}`;
      p.contended = result.contended.has(key);
      // A grow since the renewal was sent knows better than its answer.
      if (p.growing || p.grows !== grows) continue;
      p.slots = result.held.get(key) ?? 0; // no live share: it expired while the database was away
      if (p.contended && p.slots > p.inUse) giveBack = true;
      if (p.slots === 0 && p.inUse === 0 && now - p.usedAt > IDLE_MS) this.pools.delete(p.key);
    }
    if (giveBack) setImmediate(() => void this.renew());
  }
}

function take(p: Pool): Release {
  p.inUse++;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    p.inUse--;
  };
}

function throttle(reason: string): AppError {
  return new AppError("TooManyRequestsException", "Rate Exceeded.", { Reason: reason });
}
