import { afterAll, describe, expect, it } from "vitest";
import { makeSupervisor, spec, invoke, json } from "@/lib/executor/test/helpers";

/** How many distinct instances served `n` concurrent calls (each returns its module's id). */
async function instancesFor(sup: ReturnType<typeof makeSupervisor>, s: ReturnType<typeof spec>, n: number) {
  const results = await Promise.all(Array.from({ length: n }, () => invoke(sup, s)));
  expect(results.every((r) => r.outcome === "Success")).toBe(true);
  return new Set(results.map((r) => json(r))).size;
}

describe("busy versions", () => {
  const sup = makeSupervisor({ queueMinBusy: 2 });
  afterAll(() => sup.shutdown(1000));

  it("queue short calls briefly instead of starting an instance per call", async () => {
    const s = spec(
      `const id = Math.random(); export const handler = async () => { const t = Date.now(); while (Date.now() - t < 1); return id; };`,
    );
    // Learn the version's durations first (cold starts, then warm calls).
    await instancesFor(sup, s, 2);
    for (let i = 0; i < 10; i++) await invoke(sup, s);
    const results = await Promise.all(Array.from({ length: 48 }, () => invoke(sup, s)));
    expect(results.every((r) => r.outcome === "Success")).toBe(true);
    const used = new Set(results.map((r) => json(r))).size;
    // The calls that waited say how long (REPORT's Queued, the record's queuedMs).
    expect(results.some((r) => (r.queuedMs ?? 0) > 0)).toBe(true);
    // 48 concurrent 1 ms calls: a few instances take turns, not 48 workers fighting over the cores.
    expect(used).toBeLessThan(16);
  });

  it("still give a slow (I/O-bound) function an instance per concurrent call", async () => {
    const s = spec(
      `const id = Math.random(); export const handler = async () => { await new Promise((r) => setTimeout(r, 300)); return id; };`,
    );
    await instancesFor(sup, s, 2);
    await invoke(sup, s);
    // Twelve distinct instances: all twelve ran at once, none waited for another's instance.
    expect(await instancesFor(sup, s, 12)).toBe(12);
  });
});

describe("CPU-bound calls across functions", () => {
  // No per-version waiting here: only the CPU gate is under test.
  const sup = makeSupervisor({ cpuCap: 2, queueMinBusy: 0 });
  afterAll(() => sup.shutdown(1000));

  /** The most handler runs that overlapped in time ([start, start + duration] of each). */
  const maxOverlap = (rs: Array<{ startedAt: number; durationMs: number }>) => {
    const edges = rs.flatMap((r) => [
      [r.startedAt, 1],
      [r.startedAt + r.durationMs, -1],
    ]);
    edges.sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!);
    let now = 0;
    let most = 0;
    for (const [, d] of edges) {
      now += d!;
      most = Math.max(most, now);
    }
    return most;
  };

  it("take turns, at most cpuCap at once, whatever function they belong to", async () => {
    const spinners = Array.from({ length: 8 }, () =>
      spec(`export const handler = async () => { const t = Date.now(); while (Date.now() - t < 40); return 1; };`),
    );
    // Each version is learned first: its calls report their thread's CPU time.
    for (const s of spinners) for (let i = 0; i < 3; i++) await invoke(sup, s);
    const results = await Promise.all(spinners.map((s) => invoke(sup, s)));
    expect(results.every((r) => r.outcome === "Success")).toBe(true);
    expect(results.every((r) => (r.cpuMs ?? 0) > 0)).toBe(true);
    expect(results.filter((r) => r.queuedMs !== undefined).length).toBeGreaterThanOrEqual(6);
    // startedAt is when the call went to its instance: after the previous gated call answered.
    expect(maxOverlap(results)).toBeLessThanOrEqual(2);
  });

  it("never hold I/O-bound calls, however many are in flight", async () => {
    // A little CPU and a 100 ms wait: forty of these in flight crowd no core.
    const waiters = Array.from({ length: 8 }, () =>
      spec(
        `export const handler = async () => { const t = Date.now(); while (Date.now() - t < 3); await new Promise((r) => setTimeout(r, 100)); return 1; };`,
      ),
    );
    const round = () => Promise.all(waiters.flatMap((s) => Array.from({ length: 5 }, () => invoke(sup, s))));
    await round();
    await round();
    const results = await round();
    expect(results.every((r) => r.outcome === "Success" && r.queuedMs === undefined)).toBe(true);
    expect(maxOverlap(results)).toBeGreaterThan(20);
  });
});
