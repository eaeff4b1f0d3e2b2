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
