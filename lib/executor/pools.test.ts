import { describe, expect, it } from "vitest";
import { FunctionPools, poolKey } from "@/lib/executor/pools";
import type { Sandbox } from "@/lib/executor/sandbox";

const sandbox = () => {
  const sb = { state: "idle", drained: false, drain: () => (sb.drained = true) };
  return sb as unknown as Sandbox & { drained: boolean };
};

describe("function pools", () => {
  it("keep each version's sandboxes apart from $LATEST's", () => {
    const pools = new FunctionPools();
    const latest = sandbox();
    const v1 = sandbox();
    pools.serving(poolKey("f", "$LATEST"), 1);
    pools.add(poolKey("f", "$LATEST"), latest);
    pools.serving(poolKey("f", "1"), 1);
    pools.add(poolKey("f", "1"), v1);
    // A new $LATEST revision drains $LATEST's sandboxes only.
    expect(pools.serving(poolKey("f", "$LATEST"), 2)).toEqual([]);
    expect(latest.drained).toBe(true);
    expect(pools.serving(poolKey("f", "1"), 1)).toEqual([v1]);
    // retire with the current revision keeps versions; without one, everything of the function goes.
    pools.retire("f", 2);
    expect(v1.drained).toBe(false);
    pools.retire("f");
    expect(v1.drained).toBe(true);
  });

  it("never confuses two functions whose ids share a prefix", () => {
    const pools = new FunctionPools();
    const other = sandbox();
    pools.serving(poolKey("fa", "1"), 1);
    pools.add(poolKey("fa", "1"), other);
    pools.retire("f");
    expect(other.drained).toBe(false);
  });
});
