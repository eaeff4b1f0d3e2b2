import { describe, expect, it } from "vitest";
import { CallQueue } from "@/lib/executor/queueing";

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
