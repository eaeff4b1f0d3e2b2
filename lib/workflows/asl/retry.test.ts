import { describe, expect, it } from "vitest";
import { errorMatches, findCatcher, nextRetry } from "@/lib/workflows/asl/retry";
import type { Catcher, Retrier } from "@/lib/workflows/asl/types";

/** Runs a sequence of errors through a Retry block the way the engine does, collecting delays. */
function simulate(retriers: Retrier[], errors: string[], random?: () => number): (number | null)[] {
  const attempts: number[] = [];
  return errors.map((error) => {
    const decision = nextRetry(retriers, error, attempts, random);
    if (!decision) return null;
    attempts[decision.retrierIndex] = (attempts[decision.retrierIndex] ?? 0) + 1;
    return decision.delayMs;
  });
}

describe("errorMatches", () => {
  it("matches exact, case-sensitive names", () => {
    expect(errorMatches(["ErrorA", "ErrorB"], "ErrorB")).toBe(true);
    expect(errorMatches(["ErrorA"], "errora")).toBe(false);
  });

  it("States.ALL matches any error; States.TaskFailed any but States.Timeout", () => {
    expect(errorMatches(["States.ALL"], "Lambda.Unknown")).toBe(true);
    expect(errorMatches(["States.ALL"], "States.Timeout")).toBe(true);
    expect(errorMatches(["States.TaskFailed"], "Lambda.Unknown")).toBe(true);
    expect(errorMatches(["States.TaskFailed"], "States.TaskFailed")).toBe(true);
    expect(errorMatches(["States.TaskFailed"], "States.Timeout")).toBe(false);
    expect(errorMatches(["States.Timeout"], "States.Timeout")).toBe(true);
  });

  it("never matches the terminal States.Runtime and States.DataLimitExceeded", () => {
    expect(errorMatches(["States.ALL"], "States.Runtime")).toBe(false);
    expect(errorMatches(["States.Runtime"], "States.Runtime")).toBe(false);
    expect(errorMatches(["States.ALL"], "States.DataLimitExceeded")).toBe(false);
  });
});

describe("nextRetry", () => {
  it("waits 3 then 4.5 seconds, then stops (AWS docs: IntervalSeconds 3, MaxAttempts 2, BackoffRate 1.5)", () => {
    const retry: Retrier[] = [
      { ErrorEquals: ["States.Timeout"], IntervalSeconds: 3, MaxAttempts: 2, BackoffRate: 1.5 },
    ];
    expect(simulate(retry, ["States.Timeout", "States.Timeout", "States.Timeout"])).toEqual([3000, 4500, null]);
  });

  it("uses the defaults: 1 s, backoff 2.0, 3 attempts", () => {
    expect(simulate([{ ErrorEquals: ["States.ALL"] }], ["E", "E", "E", "E"])).toEqual([1000, 2000, 4000, null]);
  });

  it("never retries with MaxAttempts 0, and later retriers are not consulted (AWS docs example)", () => {
    const retry: Retrier[] = [{ ErrorEquals: ["States.Timeout"], MaxAttempts: 0 }, { ErrorEquals: ["States.ALL"] }];
    expect(simulate(retry, ["States.Timeout"])).toEqual([null]);
    expect(simulate(retry, ["Other"])).toEqual([1000]);
  });

  it("keeps a count per retrier across errors (AWS docs 'complex retry scenario')", () => {
    const retry: Retrier[] = [
      { ErrorEquals: ["ErrorA", "ErrorB"], IntervalSeconds: 1, BackoffRate: 2.0, MaxAttempts: 2 },
      { ErrorEquals: ["ErrorC"], IntervalSeconds: 5 },
    ];
    // ErrorA, ErrorB wait 1 s and 2 s; ErrorC waits 5 s; the next ErrorB finds retrier 0 exhausted
    // (MaxAttempts 2), so it goes to Catch. (One doc revision also says it "waits 4 s", which
    // contradicts MaxAttempts 2 in the same paragraph.)
    expect(simulate(retry, ["ErrorA", "ErrorB", "ErrorC", "ErrorB", "ErrorB"])).toEqual([1000, 2000, 5000, null, null]);
  });

  it("caps the delay at MaxDelaySeconds", () => {
    const retry: Retrier[] = [
      { ErrorEquals: ["E"], IntervalSeconds: 2, BackoffRate: 10, MaxAttempts: 4, MaxDelaySeconds: 30 },
    ];
    expect(simulate(retry, ["E", "E", "E", "E"])).toEqual([2000, 20_000, 30_000, 30_000]);
  });

  it("randomizes within [0, delay] with JitterStrategy FULL (AWS docs: 2, 4, 8 s become 0–2, 0–4, 0–8 s)", () => {
    const retry: Retrier[] = [
      { ErrorEquals: ["E"], IntervalSeconds: 2, BackoffRate: 2, MaxAttempts: 3, JitterStrategy: "FULL" },
    ];
    expect(simulate(retry, ["E", "E", "E"], () => 0.5)).toEqual([1000, 2000, 4000]);
    expect(simulate(retry, ["E"], () => 0)).toEqual([0]);
    expect(simulate([{ ...retry[0], JitterStrategy: "NONE" } as Retrier], ["E"], () => 0)).toEqual([2000]);
  });

  it("returns null when no retrier matches, and for States.Runtime", () => {
    expect(nextRetry([{ ErrorEquals: ["A"] }], "B", [])).toBeNull();
    expect(nextRetry([{ ErrorEquals: ["States.ALL"] }], "States.Runtime", [])).toBeNull();
  });
});

describe("findCatcher", () => {
  // AWS docs, "Fallback states".
  const catchers: Catcher[] = [
    { ErrorEquals: ["java.lang.Exception"], ResultPath: "$.error-info", Next: "RecoveryState" },
    { ErrorEquals: ["States.ALL"], Next: "EndState" },
  ];

  it("finds the first catcher that covers the error", () => {
    expect(findCatcher(catchers, "java.lang.Exception")).toEqual({ index: 0, catcher: catchers[0] });
    expect(findCatcher(catchers, "States.TaskFailed")).toEqual({ index: 1, catcher: catchers[1] });
    expect(findCatcher(catchers.slice(0, 1), "Other")).toBeNull();
    expect(findCatcher(catchers, "States.Runtime")).toBeNull();
  });
});
