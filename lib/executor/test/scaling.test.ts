import { afterAll, describe, expect, it } from "vitest";
import { makeSupervisor, spec, invoke, json } from "@/lib/executor/test/helpers";

describe("instances and sandboxes", () => {
  const sup = makeSupervisor({ instancesPerSandbox: 2, idleMs: 400 });
  afterAll(() => sup.shutdown(1000));

  it("runs one invocation per instance, spreading over more sandbox processes when one is full", async () => {
    const s = spec(
      `let id = Math.random(); export const handler = async () => { await new Promise((r) => setTimeout(r, 300)); return id; };`,
    );
    let most = 0;
    const watch = setInterval(() => (most = Math.max(most, sup.stats().sandboxes)), 10);
    const results = await Promise.all(Array.from({ length: 5 }, () => invoke(sup, s)));
    clearInterval(watch);
    expect(results.every((r) => r.outcome === "Success")).toBe(true);
    // Five concurrent invocations ran in five distinct instances (module state differs), all cold.
    expect(new Set(results.map((r) => json(r))).size).toBe(5);
    expect(results.every((r) => r.initDurationMs !== undefined)).toBe(true);
    // Two instances per process: five need three sandboxes, plus the spare that replaced the one they took.
    expect(most).toBeGreaterThanOrEqual(4);
  });

  it("retires idle instances after the keep-alive", async () => {
    const s = spec(`export const handler = async () => 1;`);
    await invoke(sup, s);
    expect(sup.stats().instances).toBeGreaterThan(0);
    await expect.poll(() => sup.stats().instances, { timeout: 5000, interval: 100 }).toBe(0);
  });

  it("finishes in-flight work on the old revision while new requests get the new one", async () => {
    const v1 = spec(
      `export const handler = async () => { await new Promise((r) => setTimeout(r, 500)); return "v1"; };`,
    );
    const inFlight = invoke(sup, v1);
    await new Promise((r) => setTimeout(r, 100));
    const v2 = spec(`export const handler = async () => "v2";`, {
      functionId: v1.functionId,
      functionName: v1.functionName,
      revision: v1.revision + 1,
    });
    sup.retire(v1.functionId, v2.revision);
    const fresh = await invoke(sup, v2);
    expect(json(fresh)).toBe("v2");
    expect(json(await inFlight)).toBe("v1");
  });
});

describe("the cap on sandbox processes", () => {
  const sup = makeSupervisor({ maxSandboxes: 2, idleMs: 60_000, prewarm: 0 });
  afterAll(() => sup.shutdown(1000));

  it("retires the least recently used idle sandbox when a new function version needs one", async () => {
    const fns = Array.from({ length: 4 }, (_, i) => spec(`export const handler = async () => ${i};`));
    for (const s of fns) expect(json(await invoke(sup, s))).toBe(fns.indexOf(s));
    await expect.poll(() => sup.stats().sandboxes, { timeout: 5000, interval: 50 }).toBe(2);
    // The two most recent stay warm; the first comes back cold.
    expect((await invoke(sup, fns[3]!)).initDurationMs).toBeUndefined();
    expect((await invoke(sup, fns[0]!)).initDurationMs).toBeDefined();
  });

  it("never ends a busy sandbox for the cap", async () => {
    const slow = Array.from({ length: 3 }, (_, i) =>
      spec(`export const handler = async () => { await new Promise((r) => setTimeout(r, 400)); return ${i}; };`),
    );
    const results = await Promise.all(slow.map((s) => invoke(sup, s)));
    expect(results.map((r) => r.outcome)).toEqual(["Success", "Success", "Success"]);
  });
});
