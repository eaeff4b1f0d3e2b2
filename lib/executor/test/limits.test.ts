import { afterAll, describe, expect, it } from "vitest";
import { makeSupervisor, spec, invoke, json } from "@/lib/executor/test/helpers";

// A 2 s init budget (Lambda's and the default is 10 s) keeps the init tests short.
const sup = makeSupervisor({ killGraceMs: 300, initTimeoutMs: 2000 });
afterAll(() => sup.shutdown(1000));

describe("executor limits", () => {
  it("times out an infinite loop with Lambda's message and replaces the sandbox", async () => {
    const s = spec(`export const handler = async () => { while (true) {} };`, { timeoutMs: 1000 });
    const r = await invoke(sup, s);
    expect(r.outcome).toBe("Timeout");
    expect(json(r).errorType).toBe("Sandbox.Timedout");
    expect(json(r).errorMessage).toContain("Task timed out after 1.00 seconds");
    expect(r.durationMs).toBe(1000);
    // The next call is served by a fresh sandbox and succeeds.
    const ok = spec(`export const handler = async () => "alive";`, { functionId: s.functionId, revision: s.revision });
    const after = await invoke(sup, ok);
    expect(after.initDurationMs).toBeDefined();
  });

  it("keeps the lines logged before a timeout", async () => {
    const waits = spec(
      `export const handler = async () => { console.log("before the wait"); await new Promise(() => {}); };`,
      { timeoutMs: 1000 },
    );
    const r1 = await invoke(sup, waits);
    expect(r1.outcome).toBe("Timeout");
    expect(r1.logs.map((l) => l.message)).toContain("before the wait");
    const spins = spec(`export const handler = async () => { console.log("before the spin"); while (true) {} };`, {
      timeoutMs: 1000,
    });
    const r2 = await invoke(sup, spins);
    expect(r2.outcome).toBe("Timeout");
    expect(r2.logs.map((l) => l.message)).toContain("before the spin");
  });

  it("times out an infinite loop at module init, after the init budget and the timeout", async () => {
    const s = spec(`while (true) {} export const handler = async () => 1;`, { timeoutMs: 1000 });
    const started = Date.now();
    const r = await invoke(sup, s);
    expect(r.outcome).toBe("Timeout");
    expect(Date.now() - started).toBeGreaterThanOrEqual(3000);
  });

  it("gives a slow module init its own budget: the handler still gets its whole timeout", async () => {
    const s = spec(
      `await new Promise((r) => setTimeout(r, 1200));
export const handler = async (e, context) => { await new Promise((r) => setTimeout(r, 600)); return context.getRemainingTimeInMillis(); };`,
      { timeoutMs: 1000 },
    );
    const r = await invoke(sup, s);
    expect(r.outcome).toBe("Success");
    expect(r.initDurationMs).toBeGreaterThanOrEqual(1200);
    // 1000 ms timeout − 600 ms of handler: what is left does not count the 1.2 s of init.
    expect(json(r)).toBeGreaterThan(0);
    expect(json(r)).toBeLessThanOrEqual(400);
    // The timeout still holds for the handler itself.
    const slow = spec(
      `await new Promise((r) => setTimeout(r, 300));
export const handler = async () => { await new Promise((r) => setTimeout(r, 1500)); return 1; };`,
      { timeoutMs: 1000 },
    );
    expect((await invoke(sup, slow)).outcome).toBe("Timeout");
  });

  it("times out a blocking native call by killing the sandbox", async () => {
    const s = spec(
      `import { pbkdf2Sync } from "node:crypto"; export const handler = async () => pbkdf2Sync("x", "y", 50_000_000, 64, "sha512").length;`,
      { timeoutMs: 1000 },
    );
    const started = Date.now();
    const r = await invoke(sup, s);
    expect(r.outcome).toBe("Timeout");
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it("holds memory outside the heap to the setting: Buffers, ArrayBuffers, typed arrays", async () => {
    const hogs = {
      buffers: "keep.push(Buffer.alloc(16 * 1024 * 1024, 1));",
      arrayBuffers: "keep.push(new Uint8Array(new ArrayBuffer(16 * 1024 * 1024)).fill(3).buffer);",
      typedArrays: "keep.push(new Float64Array(2 * 1024 * 1024).fill(1));",
      unsafeSlices: "keep.push(Buffer.allocUnsafeSlow(16 * 1024 * 1024).fill(2));",
    };
    for (const [name, grow] of Object.entries(hogs)) {
      // 2 GB if nothing stopped it; a 1 ms pause per step, as a handler doing I/O would have.
      const s = spec(
        `const keep = []; export const handler = async () => { for (let i = 0; i < 128; i++) { ${grow} await new Promise((r) => setTimeout(r, 1)); } return keep.length; };`,
        { memoryMb: 128, timeoutMs: 20_000 },
      );
      const r = await invoke(sup, s);
      expect(r.outcome, name).toBe("OutOfMemory");
      expect(json(r).errorType, name).toBe("Runtime.OutOfMemory");
      expect(json(r).errorMessage, name).toMatch(/memory used \d+ MB, over the 128 MB limit/);
      const used = Number(/memory used (\d+) MB/.exec(json(r).errorMessage as string)?.[1]);
      // Ended at the first sample over the setting (every 10 ms once past half of it): at 16 MB a
      // millisecond, well under 1.5× the setting (measured: 129–158 MB).
      expect(used, name).toBeLessThan(128 * 1.5);
    }
    // Under the setting, the same kind of memory is fine, and the next call runs on a fresh instance.
    const fits = spec(
      `export const handler = async () => { const b = []; for (let i = 0; i < 4; i++) b.push(Buffer.alloc(16 * 1024 * 1024, 1)); return b.length; };`,
      { memoryMb: 256 },
    );
    const ok = await invoke(sup, fits);
    expect(ok.outcome).toBe("Success");
    expect(ok.maxMemoryUsedMb).toBeGreaterThanOrEqual(64);
  });

  it("reports a heap overflow as Runtime.OutOfMemory", async () => {
    const s = spec(
      `export const handler = async () => { const a = []; while (true) a.push(new Array(100000).fill(Math.random())); };`,
      { memoryMb: 128, timeoutMs: 20_000 },
    );
    const r = await invoke(sup, s);
    expect(r.outcome).toBe("OutOfMemory");
    expect(json(r).errorType).toBe("Runtime.OutOfMemory");
  });

  it("fails only its own invocation on process.exit with Runtime.ExitError", async () => {
    const s = spec(`export const handler = async () => { process.exit(3); };`);
    const r = await invoke(sup, s);
    expect(r.outcome).toBe("Crash");
    expect(json(r).errorType).toBe("Runtime.ExitError");
    expect(json(r).errorMessage).toContain("exit status 3");
  });

  it("fails with Runtime.ExitError when an error escapes during the invocation", async () => {
    const s = spec(
      `export const handler = async () => { setTimeout(() => { throw new Error("late boom"); }, 1); await new Promise((r) => setTimeout(r, 200)); return 1; };`,
    );
    const r = await invoke(sup, s);
    expect(r.outcome).toBe("Crash");
    expect(json(r).errorMessage).toContain("late boom");
    expect(r.logs.some((l) => l.message.includes("late boom"))).toBe(true);
  });

  it("survives an error thrown after the handler returned; the next call gets a new instance", async () => {
    const s = spec(
      `export const handler = async () => { setTimeout(() => { throw new Error("after return"); }, 20); return "ok"; };`,
    );
    const r = await invoke(sup, s);
    expect(json(r)).toBe("ok");
    await new Promise((res) => setTimeout(res, 200));
    const again = await invoke(sup, s);
    expect(json(again)).toBe("ok");
    expect(again.initDurationMs).toBeDefined();
  });

  it("refuses results over 6 MB with Function.ResponseSizeTooLarge", async () => {
    const s = spec(`export const handler = async () => "x".repeat(7 * 1024 * 1024);`, { memoryMb: 512 });
    const r = await invoke(sup, s);
    expect(r.outcome).toBe("Error");
    expect(json(r).errorType).toBe("Function.ResponseSizeTooLarge");
  });

  it("reports unserializable results as Runtime.MarshalError", async () => {
    const s = spec(`export const handler = async () => { const a = {}; a.self = a; return a; };`);
    const r = await invoke(sup, s);
    expect(json(r).errorType).toBe("Runtime.MarshalError");
  });

  it("bounds what one invocation may log and says so", async () => {
    const s = spec(
      `export const handler = async () => { for (let i = 0; i < 20000; i++) console.log("line " + i + " ".repeat(100)); return 1; };`,
    );
    const r = await invoke(sup, s);
    expect(r.outcome).toBe("Success");
    expect(r.logTruncated).toBe(true);
    expect(r.logs.at(-1)!.message).toContain("truncated");
    expect(r.logs.reduce((n, l) => n + l.message.length, 0)).toBeLessThan(300 * 1024);
  });

  it("reports invalid JSON events without running the handler", async () => {
    const s = spec(`export const handler = async () => { throw new Error("should not run"); };`);
    const r = await sup.invoke(s, { requestId: crypto.randomUUID(), payload: Buffer.from("{not json") });
    expect(r.invalidPayload).toBe(true);
  });
});

describe("handler loading errors", () => {
  it.each([
    ["syntax error", `export const handler = async () => {`, "index.handler", "Runtime.UserCodeSyntaxError"],
    ["missing module", `export const handler = 1`, "missing.handler", "Runtime.ImportModuleError"],
    ["missing export", `export const other = async () => 1;`, "index.handler", "Runtime.HandlerNotFound"],
    [
      "import of an absent package",
      `import "left-pad-not-here"; export const handler = async () => 1;`,
      "index.handler",
      "Runtime.ImportModuleError",
    ],
  ])("%s → %s", async (_label, code, handler, errorType) => {
    const s = spec(code, { handler });
    const r = await invoke(sup, s);
    expect(r.outcome).toBe("Error");
    expect(json(r).errorType).toBe(errorType);
  });

  it("keeps a user error thrown at init as its own type", async () => {
    const s = spec(`throw new TypeError("bad config"); export const handler = async () => 1;`);
    const r = await invoke(sup, s);
    expect(json(r).errorType).toBe("TypeError");
  });
});
