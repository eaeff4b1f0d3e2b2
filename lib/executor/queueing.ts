/**
 * When every warm instance of a version is busy: start another (Lambda's rule, one invocation
 * per instance) or wait briefly for one to free? Starting one costs a cold start, and past a
 * few busy instances per core, more of them only fight over the cores (a 1 ms function at c=64
 * made 64 workers thrash two cores). So, per version: once at least `minBusy` instances are
 * busy, a call waits when the expected wait for one to free — the recent mean duration shared
 * among the busy ones — is shorter than the recent cold start, for at most that cold start.
 * Slow (I/O-bound) functions, whose instances free rarely, still get an instance per call.
 */

interface Stats {
  /** Moving mean of the durations of this version's calls, ms. */
  durationMs: number | null;
  /** Moving mean of what a cold start added (init plus the wait for a fresh instance), ms. */
  coldMs: number | null;
  waiters: Array<() => void>;
}

const ALPHA = 0.2;
const ewma = (prev: number | null, v: number) => (prev === null ? v : prev + ALPHA * (v - prev));
/** Without a measured cold start yet, one is assumed to cost this much. */
const DEFAULT_COLD_MS = 15;

export class CallQueue {
  private readonly stats = new Map<string, Stats>();

  constructor(private readonly minBusy: number) {}

  private of(key: string): Stats {
    let s = this.stats.get(key);
    if (!s) {
      s = { durationMs: null, coldMs: null, waiters: [] };
      this.stats.set(key, s);
    }
    return s;
  }

  /** How long a call should wait for a busy instance of `key` to free (0: start one now). */
  waitBudgetMs(key: string, busy: number): number {
    if (busy < this.minBusy) return 0;
    const s = this.stats.get(key);
    if (!s || s.durationMs === null) return 0;
    const cold = s.coldMs ?? DEFAULT_COLD_MS;
    return s.durationMs / busy < cold ? cold : 0;
  }

  /** Resolves true when an instance of `key` freed, false when `ms` passed first. */
  wait(key: string, ms: number): Promise<boolean> {
    const s = this.of(key);
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        const i = s.waiters.indexOf(wake);
        if (i >= 0) s.waiters.splice(i, 1);
        resolve(false);
      }, ms);
      s.waiters.push(wake);
    });
  }

  /** A call of `key` ended (its instance is free, if it survived): learn from it, wake one waiter. */
  done(key: string, durationMs: number, coldMs?: number): void {
    const s = this.of(key);
    s.durationMs = ewma(s.durationMs, durationMs);
    if (coldMs !== undefined) s.coldMs = ewma(s.coldMs, coldMs);
    s.waiters.shift()?.();
  }
}
