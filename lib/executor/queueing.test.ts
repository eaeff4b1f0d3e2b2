import { describe, expect, it } from "vitest";
import { CallQueue, CpuGate, runnableFrom } from "@/lib/executor/queueing";

describe("CallQueue", () => {
  it("starts instances until minBusy, and while nothing is known about the version", () => {
    const q = new CallQueue(4);
    expect(q.waitBudgetMs("f", 8)).toBe(0); // nothing measured yet
    q.done("f", 1, 12);
    expect(q.waitBudgetMs("f", 3)).toBe(0);
    expect(q.waitBudgetMs("f", 4)).toBe(12);
  });

  it("waits for short calls, never for calls that free their instances more slowly than a cold start", () => {
    const q = new CallQueue(2);
    for (let i = 0; i < 20; i++) q.done("fast", 2, 10);
    for (let i = 0; i < 20; i++) q.done("slow", 300, 10);
    expect(q.waitBudgetMs("fast", 8)).toBe(10);
    expect(q.waitBudgetMs("slow", 8)).toBe(0);
    // 300 ms shared among 64 busy instances: one frees every ≈4.7 ms, sooner than a cold start.
    expect(q.waitBudgetMs("slow", 64)).toBe(10);
  });

  it("wakes one waiter per freed instance, in order, and lets the others time out", async () => {
    const q = new CallQueue(1);
    const order: string[] = [];
    const a = q.wait("f", 1000).then((v) => order.push(`a:${v}`));
    const b = q.wait("f", 30).then((v) => order.push(`b:${v}`));
    q.done("f", 1);
    await Promise.all([a, b]);
    expect(order).toEqual(["a:true", "b:false"]);
  });
});

describe("CpuGate", () => {
  it("knows a CPU-bound version by the CPU share of its calls", () => {
    const q = new CallQueue(4);
    expect(q.cpuBound("spin")).toBe(false); // nothing reported yet
    for (let i = 0; i < 5; i++) q.done("spin", 10, undefined, 9.5);
    for (let i = 0; i < 5; i++) q.done("sleep", 300, undefined, 2);
    expect(q.cpuBound("spin")).toBe(true);
    expect(q.cpuBound("sleep")).toBe(false);
    // Sixteen threads per core: a spinner gets a sixteenth of the CPU and is still CPU-bound.
    for (let i = 0; i < 5; i++) q.done("crowded", 160, undefined, 9.5, 16);
    expect(q.cpuBound("crowded")).toBe(true);
    // A noop is all CPU but over before it could be preempted: never held.
    for (let i = 0; i < 5; i++) q.done("noop", 0.05, undefined, 0.05);
    expect(q.cpuBound("noop")).toBe(false);
  });

  it("lets `cap` in at once, hands each freed place to the next in arrival order, and times a waiter out", async () => {
    const g = new CpuGate(2);
    expect(g.enter(1000)).toBe(true);
    expect(g.enter(1000)).toBe(true);
    const order: string[] = [];
    const third = (g.enter(1000) as Promise<boolean>).then((v) => order.push(`third:${v}`));
    const fourth = (g.enter(1000) as Promise<boolean>).then((v) => order.push(`fourth:${v}`));
    const late = (g.enter(20) as Promise<boolean>).then((v) => order.push(`late:${v}`));
    g.leave();
    await third;
    await late;
    g.leave();
    await fourth;
    expect(order).toEqual(["third:true", "late:false", "fourth:true"]);
    // Two inside (third and fourth): a newcomer waits.
    expect(g.enter(10)).not.toBe(true);
  });
});

describe("runnableFrom", () => {
  it("reads the runnable threads out of /proc/loadavg's line, and refuses anything else", () => {
    expect(runnableFrom("0.52 0.58 0.59 3/1234 5678\n")).toBe(3);
    expect(runnableFrom("10.35 3.80 2.38 64/1500 99\n")).toBe(64);
    expect(() => runnableFrom("nonsense")).toThrow(/unexpected/);
  });
});
