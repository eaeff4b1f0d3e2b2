/**
 * Concurrency admission, as Lambda does it: a function with reserved concurrency may run
 * that many at once (0 = always throttled); the others share the account limit minus all
 * reservations. Counters are per server process (see docs/architecture.md).
 */
import { AppError } from "@/lib/errors";

export class Admission {
  private readonly inFlight = new Map<string, number>();
  private unreservedInUse = 0;
  private totalReserved = 0;

  constructor(private readonly accountLimit: number) {}

  setTotalReserved(n: number): void {
    this.totalReserved = n;
  }

  /** Takes a slot or throws TooManyRequestsException with Lambda's Reason. Returns the release function. */
  acquire(functionId: string, reserved: number | null): () => void {
    const current = this.inFlight.get(functionId) ?? 0;
    if (reserved !== null) {
      if (current >= reserved) throw throttle("ReservedFunctionConcurrentInvocationLimitExceeded");
    } else if (this.unreservedInUse >= this.accountLimit - this.totalReserved) {
      throw throttle("ConcurrentInvocationLimitExceeded");
    }
    this.inFlight.set(functionId, current + 1);
    if (reserved === null) this.unreservedInUse++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const n = (this.inFlight.get(functionId) ?? 1) - 1;
      if (n <= 0) this.inFlight.delete(functionId);
      else this.inFlight.set(functionId, n);
      if (reserved === null) this.unreservedInUse--;
    };
  }

  get running(): number {
    let n = 0;
    for (const v of this.inFlight.values()) n += v;
    return n;
  }
}

function throttle(reason: string): AppError {
  return new AppError("TooManyRequestsException", "Rate Exceeded.", { Reason: reason });
}
