import { afterAll, describe, expect, it } from "vitest";
import { invoke, json, makeSupervisor, spec } from "@/lib/executor/test/helpers";

/** A handler that counts the calls its module runs at once, logs its call's tag, and waits. */
const SHARED = `
const id = Math.random().toString(36).slice(2);
let running = 0;
let most = 0;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export const handler = async (e) => {
  running++;
  most = Math.max(most, running);
  console.log("start " + e.tag);
  await sleep(e.ms ?? 300);
  setTimeout(() => console.log("after " + e.tag), 0);
  if (e.boom) setTimeout(() => { throw new Error("boom " + e.tag); }, 0);
  await sleep(5);
  console.log("end " + e.tag);
  running--;
  return { id, most, tag: e.tag, max: process.env.AWS_LAMBDA_MAX_CONCURRENCY ?? null };
};`;

const messages = (r: { logs: Array<{ message: string }> }) => r.logs.map((l) => l.message);

describe("instance concurrency", () => {
  const sup = makeSupervisor();
  afterAll(() => sup.shutdown(1000));

  it("runs up to its setting at once on one instance, each call with its own logs", async () => {
    const s = spec(SHARED, { instanceConcurrency: 4 });
    const results = await Promise.all(Array.from({ length: 4 }, (_, i) => invoke(sup, s, { tag: `c${i}` })));
    expect(results.map((r) => r.outcome)).toEqual(["Success", "Success", "Success", "Success"]);
    const bodies = results.map(json);
    // One instance (one module, loaded once), four calls in it at once.
    expect(new Set(bodies.map((b) => b.id)).size).toBe(1);
    expect(Math.max(...bodies.map((b) => b.most))).toBe(4);
    expect(bodies[0].max).toBe("4");
    expect(results.filter((r) => r.initDurationMs !== undefined)).toHaveLength(1);
    // A line goes with the call whose code (or whose timer) wrote it, never with another.
    results.forEach((r, i) => {
      expect(messages(r)).toEqual(expect.arrayContaining([`start c${i}`, `end c${i}`, `after c${i}`]));
      expect(messages(r).filter((m) => /^(start|end|after) /.test(m) && !m.endsWith(` c${i}`))).toEqual([]);
    });
  });

  it("starts another instance only past the setting", async () => {
    const s = spec(SHARED, { instanceConcurrency: 3 });
    await invoke(sup, s, { tag: "warm", ms: 1 });
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => invoke(sup, s, { tag: `d${i}` })));
    expect(results.every((r) => r.outcome === "Success")).toBe(true);
    const bodies = results.map(json);
    expect(new Set(bodies.map((b) => b.id)).size).toBe(2);
    expect(Math.max(...bodies.map((b) => b.most))).toBeLessThanOrEqual(3);
  });

  it("answers a call that times out alone, lets the others finish, then replaces the instance", async () => {
    const s = spec(SHARED, { instanceConcurrency: 3, timeoutMs: 1000 });
    await invoke(sup, s, { tag: "warm", ms: 1 });
    const [slow, a, b] = await Promise.all([
      invoke(sup, s, { tag: "slow", ms: 2500 }),
      invoke(sup, s, { tag: "a", ms: 600 }),
      invoke(sup, s, { tag: "b", ms: 600 }),
    ]);
    expect(slow.outcome).toBe("Timeout");
    expect([a.outcome, b.outcome]).toEqual(["Success", "Success"]);
    expect(json(a).id).toBe(json(b).id);
    // The instance took no new call once one of its calls timed out, and ended with its last one.
    await new Promise((r) => setTimeout(r, 300));
    const next = await invoke(sup, s, { tag: "next", ms: 1 });
    expect(next.outcome).toBe("Success");
    expect(json(next).id).not.toBe(json(a).id);
  });

  it("ends every call an instance runs when an uncaught error ends it, and nothing else", async () => {
    const s = spec(SHARED, { instanceConcurrency: 3 });
    const other = spec(SHARED, { instanceConcurrency: 3 });
    await Promise.all([invoke(sup, s, { tag: "warm", ms: 1 }), invoke(sup, other, { tag: "warm", ms: 1 })]);
    const [boom, x, y, bystander] = await Promise.all([
      invoke(sup, s, { tag: "boom", ms: 100, boom: true }),
      invoke(sup, s, { tag: "x", ms: 2000 }),
      invoke(sup, s, { tag: "y", ms: 2000 }),
      invoke(sup, other, { tag: "z", ms: 300 }),
    ]);
    for (const r of [boom, x, y]) {
      expect(r.outcome).toBe("Crash");
      expect(r.error?.errorMessage).toContain("boom boom");
      expect(messages(r).some((m) => m.startsWith("Uncaught Exception"))).toBe(true);
    }
    expect(messages(x)).toContain("start x");
    expect(messages(x)).not.toContain("start y");
    expect(bystander.outcome).toBe("Success");
    expect((await invoke(sup, s, { tag: "again", ms: 1 })).outcome).toBe("Success");
  });

  it("loads the module once for the calls that arrive while it loads, and gives them its init budget", async () => {
    const s = spec(`await new Promise((r) => setTimeout(r, 1500));\n${SHARED}`, {
      instanceConcurrency: 4,
      timeoutMs: 1000,
    });
    const results = await Promise.all(Array.from({ length: 4 }, (_, i) => invoke(sup, s, { tag: `e${i}`, ms: 50 })));
    expect(results.map((r) => r.outcome)).toEqual(["Success", "Success", "Success", "Success"]);
    expect(new Set(results.map((r) => json(r).id)).size).toBe(1);
  });
});
