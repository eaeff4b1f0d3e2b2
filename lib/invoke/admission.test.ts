import { describe, expect, it } from "vitest";
import { Admission } from "@/lib/invoke/admission";

describe("admission", () => {
  it("throttles a function at its reservation, with Lambda's reason", () => {
    const a = new Admission(10);
    a.setTotalReserved(2);
    const r1 = a.acquire("f", 2);
    a.acquire("f", 2);
    expect(() => a.acquire("f", 2)).toThrow(
      expect.objectContaining({
        code: "TooManyRequestsException",
        fields: { Reason: "ReservedFunctionConcurrentInvocationLimitExceeded" },
      }),
    );
    r1();
    expect(() => a.acquire("f", 2)).not.toThrow();
  });

  it("always throttles reserved concurrency 0", () => {
    const a = new Admission(10);
    expect(() => a.acquire("f", 0)).toThrow(/Rate Exceeded/);
  });

  it("shares the account limit minus reservations among the rest", () => {
    const a = new Admission(3);
    a.setTotalReserved(1);
    a.acquire("x", null);
    const release = a.acquire("y", null);
    expect(() => a.acquire("z", null)).toThrow(
      expect.objectContaining({ fields: { Reason: "ConcurrentInvocationLimitExceeded" } }),
    );
    release();
    release(); // releasing twice is harmless
    expect(a.running).toBe(1);
  });
});
