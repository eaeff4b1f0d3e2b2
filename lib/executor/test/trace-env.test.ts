import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { json, makeSupervisor, spec } from "@/lib/executor/test/helpers";
import type { CallTrace } from "@/lib/executor/types";

/** Reads _X_AMZN_TRACE_ID before and after a wait (other calls run meanwhile), and writes it when asked. */
const READER = `
export const handler = async (e) => {
  const before = process.env._X_AMZN_TRACE_ID;
  if (e.write) process.env._X_AMZN_TRACE_ID = e.write;
  if (e.remove) delete process.env._X_AMZN_TRACE_ID;
  await new Promise((r) => setTimeout(r, e.ms ?? 0));
  return {
    before,
    after: process.env._X_AMZN_TRACE_ID,
    listed: Object.keys(process.env).includes("_X_AMZN_TRACE_ID"),
    has: "_X_AMZN_TRACE_ID" in process.env,
    copied: { ...process.env }._X_AMZN_TRACE_ID,
    other: process.env.GREETING,
  };
};`;

const traceOf = (n: number): CallTrace => {
  const t = `${n}`.padStart(32, "a");
  const p = `${n}`.padStart(16, "b");
  return { h: `Root=1-${t.slice(0, 8)}-${t.slice(8)};Parent=${p};Sampled=1`, t, p, s: 1 };
};

describe("_X_AMZN_TRACE_ID", () => {
  const sup = makeSupervisor();
  afterAll(() => sup.shutdown(1000));
  const call = (s: ReturnType<typeof spec>, event: object, trace?: CallTrace) =>
    sup.invoke(s, { requestId: randomUUID(), payload: Buffer.from(JSON.stringify(event)), trace }).then(json);

  it("is each call's own trace header, also for calls running at once in one instance", async () => {
    const s = spec(READER, { instanceConcurrency: 4, env: { GREETING: "hi" } });
    await call(s, {}, traceOf(0));
    const bodies = await Promise.all([1, 2, 3, 4].map((n) => call(s, { ms: 200 }, traceOf(n))));
    bodies.forEach((b, i) => {
      const h = traceOf(i + 1).h;
      expect(b).toEqual({ before: h, after: h, listed: true, has: true, copied: h, other: "hi" });
    });
  });

  it("is what the call wrote there, for that call only; absent from a call without a trace", async () => {
    const s = spec(READER);
    const wrote = await call(s, { write: "Root=mine" }, traceOf(5));
    expect(wrote).toMatchObject({ before: traceOf(5).h, after: "Root=mine" });
    expect(await call(s, {}, traceOf(6))).toMatchObject({ before: traceOf(6).h, after: traceOf(6).h });
    const removed = await call(s, { remove: true }, traceOf(7));
    expect(removed).toMatchObject({ before: traceOf(7).h, listed: false, has: false });
    expect(removed.after).toBeUndefined();
    const untraced = await call(s, {});
    expect(untraced).toMatchObject({ listed: false, has: false });
    expect(untraced.before).toBeUndefined();
  });
});
