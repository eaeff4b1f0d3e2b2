/**
 * When every warm instance of a version is busy: start another (Lambda's rule, one invocation
 * per instance) or wait briefly for one to free? Starting one costs a cold start, and past a
 * few busy instances per core, more of them only fight over the cores (a 1 ms function at c=64
 * made 64 workers thrash two cores). So, per version: once at least `minBusy` instances are
 * busy, a call waits when the expected wait for one to free — the recent mean duration shared
 * among the busy ones — is shorter than the recent cold start, for at most that cold start.
 * Slow (I/O-bound) functions, whose instances free rarely, still get an instance per call.
 *
 * Across versions (CpuGate): calls of CPU-bound versions — their instances report the handler's
 * thread CPU time, and most of the duration was CPU — beyond `cap` at once only fight over the
 * cores, whatever function they belong to; such a call waits its turn (first come, first served)
 * for at most its function's timeout. I/O-bound calls are never held.
 */

import { readFileSync } from "node:fs";
import os from "node:os";
import { choosePlacement } from "@/lib/executor/placement";
import type { Sandbox } from "@/lib/executor/sandbox";

interface Stats {
  /** Moving mean of the durations of this version's calls, ms. */
  durationMs: number | null;
  /** Moving mean of the share of a call's duration its thread spent on the CPU (null: not reported). */
  cpuShare: number | null;
  /** Moving mean of what a cold start added (init plus the wait for a fresh instance), ms. */
  coldMs: number | null;
  waiters: Array<() => void>;
}

const ALPHA = 0.2;
const ewma = (prev: number | null, v: number) => (prev === null ? v : prev + ALPHA * (v - prev));
/** Without a measured cold start yet, one is assumed to cost this much. */
const DEFAULT_COLD_MS = 15;
/** A version whose calls spend at least this share of their duration on the CPU is CPU-bound. */
const CPU_BOUND_SHARE = 0.5;
/** Calls shorter than this are never held for the cores (a noop is all CPU, and over at once). */
const CPU_BOUND_MIN_MS = 2;

export class CallQueue {
  private readonly stats = new Map<string, Stats>();

  constructor(private readonly minBusy: number) {}

  private of(key: string): Stats {
    let s = this.stats.get(key);
    if (!s) {
      s = { durationMs: null, cpuShare: null, coldMs: null, waiters: [] };
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

  /**
   * With every instance of the version busy (`serving`: its sandboxes), how much longer a call that
   * arrived at `arrived` may wait for one to free rather than start another; 0 or less: place it now.
   */
  budgetAt(key: string, serving: Sandbox[] | null, perSandbox: number, arrived: number): number {
    if (!serving) return 0;
    // The cheap test first: below minBusy (every call at low concurrency) no placement is chosen here.
    const budget = this.waitBudgetMs(
      key,
      serving.reduce((n, sb) => n + sb.inFlight, 0),
    );
    if (budget <= 0 || choosePlacement(serving, perSandbox).kind === "warm") return 0;
    return budget - (Date.now() - arrived);
  }

  /** Resolves true when an instance of `key` freed, false when `ms` passed first. */
  wait(key: string, ms: number): Promise<boolean> {
    return waitInLine(this.of(key).waiters, ms);
  }

  /**
   * Whether the version's calls are mostly CPU and long enough to be preempted (so many of them at
   * once only share the cores). A call shorter than a time slice ends before it could thrash.
   */
  cpuBound(key: string): boolean {
    const s = this.stats.get(key);
    if (!s || s.cpuShare === null || s.durationMs === null) return false;
    return s.cpuShare >= CPU_BOUND_SHARE && s.durationMs >= CPU_BOUND_MIN_MS;
  }

  /**
   * A call of `key` ended (its instance is free, if it survived): learn from it, wake one waiter.
   * `contention`: how many runnable threads shared each core while it ran (≥ 1); a CPU-bound call
   * on a crowded machine gets only that share of the CPU, and is still CPU-bound.
   */
  done(key: string, durationMs: number, coldMs?: number, cpuMs?: number, contention = 1): void {
    const s = this.of(key);
    s.durationMs = ewma(s.durationMs, durationMs);
    if (cpuMs !== undefined && durationMs > 0)
      s.cpuShare = ewma(s.cpuShare, Math.min(1, (cpuMs / durationMs) * Math.max(1, contention)));
    if (coldMs !== undefined) s.coldMs = ewma(s.coldMs, coldMs);
    s.waiters.shift()?.();
  }
}

/** Waits in `line` until its turn is called (true), or `ms` passes first (false; it leaves the line). */
function waitInLine(line: Array<() => void>, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const turn = () => {
      clearTimeout(timer);
      resolve(true);
    };
    const timer = setTimeout(() => {
      const i = line.indexOf(turn);
      if (i >= 0) line.splice(i, 1);
      resolve(false);
    }, ms);
    line.push(turn);
  });
}

/** At most `cap` calls of CPU-bound versions run at once; the others wait in arrival order. */
export class CpuGate {
  private running = 0;
  private readonly waiters: Array<() => void> = [];

  constructor(private readonly cap: number) {}

  /** Takes a place, at once or when one frees; false after `ms` without one (the call runs anyway, uncounted). */
  enter(ms: number): true | Promise<boolean> {
    if (this.running < this.cap) {
      this.running++;
      return true;
    }
    return waitInLine(this.waiters, ms);
  }

  /** A gated call ended: its place goes to the first waiter, if any. */
  leave(): void {
    const next = this.waiters.shift();
    if (next) next();
    else this.running--;
  }
}

/**
 * Runnable threads per core right now (≥ 1): /proc/loadavg's count of runnable threads, read at
 * most every 100 ms; elsewhere the 1-minute load average. Not the calls in flight: a hundred calls
 * waiting on I/O crowd no core.
 */
export function contention(cores?: number): number {
  const now = Date.now();
  if (now - load.at > 100) {
    load.at = now;
    load.runnable = readRunnable();
    // Read with the load, not per call: on Node 24 libuv reads the cgroup's CPU limit each time
    // (≈8 µs, against 0.4 µs on Node 20 — it was 47 µs of a warm invoke's CPU at c=8).
    load.cores = os.availableParallelism();
  }
  return Math.max(1, load.runnable / (cores ?? load.cores));
}
const load = { at: 0, runnable: 0, cores: 1 };

function readRunnable(): number {
  try {
    // The reader (this thread) is one of them.
    return Math.max(0, runnableFrom(readFileSync("/proc/loadavg", "utf8")) - 1);
  } catch {
    return os.loadavg()[0] ?? 0;
  }
}

/** "0.52 0.58 0.59 3/1234 5678" → 3. */
export function runnableFrom(loadavg: string): number {
  const n = Number(/ (\d+)\/\d+ /.exec(loadavg)?.[1]);
  if (!Number.isFinite(n)) throw new Error(`unexpected /proc/loadavg: ${loadavg.slice(0, 60)}`);
  return n;
}
