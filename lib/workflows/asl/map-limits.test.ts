import { describe, expect, it } from "vitest";
import { resolveMapLimits } from "@/lib/workflows/asl/map-limits";
import { testScope } from "@/lib/workflows/asl/test-scope";
import type { MapState } from "@/lib/workflows/asl/types";

const processor = { StartAt: "P", States: { P: { Type: "Pass" as const, End: true } } };
const map = (fields: Partial<MapState>): MapState => ({ Type: "Map", ItemProcessor: processor, End: true, ...fields });
const jsonPath = testScope();

describe("resolveMapLimits", () => {
  it("defaults to unlimited concurrency and no tolerance", async () => {
    expect(await resolveMapLimits(map({}), {}, jsonPath)).toEqual({ maxConcurrency: 0 });
  });

  it("reads values as written and from paths (including variables)", async () => {
    const limits = await resolveMapLimits(
      map({ MaxConcurrency: 5, ToleratedFailureCountPath: "$.n", ToleratedFailurePercentagePath: "$pct" }),
      { n: 2 },
      testScope("JSONPath", { pct: 12.5 }),
    );
    expect(limits).toEqual({ maxConcurrency: 5, toleratedFailureCount: 2, toleratedFailurePercentage: 12.5 });
  });

  it("words bad values as Step Functions does", async () => {
    await expect(
      resolveMapLimits(
        map({ MaxConcurrencyPath: "$.MaxConcurrencyValue" }),
        { MaxConcurrencyValue: "NoNumber" },
        jsonPath,
      ),
    ).rejects.toMatchObject({
      error: "States.Runtime",
      cause:
        'The MaxConcurrencyPath field refers to value "NoNumber" which is not a valid integer: $.MaxConcurrencyValue',
    });
    await expect(
      resolveMapLimits(
        map({ ToleratedFailureCountPath: "$.ToleratedFailureCount" }),
        { ToleratedFailureCount: {} },
        jsonPath,
      ),
    ).rejects.toMatchObject({
      cause:
        'The ToleratedFailureCountPath field refers to value "{}" which is not a valid integer: $.ToleratedFailureCount',
    });
    await expect(resolveMapLimits(map({ ToleratedFailureCount: -1 }), {}, jsonPath)).rejects.toMatchObject({
      cause: "ToleratedFailureCount cannot be negative.",
    });
    await expect(resolveMapLimits(map({ ToleratedFailurePercentage: 101 }), {}, jsonPath)).rejects.toMatchObject({
      cause: "ToleratedFailurePercentage must be between 0 and 100.",
    });
  });

  it("evaluates JSONata values", async () => {
    const limits = await resolveMapLimits(
      map({ MaxConcurrency: "{% $states.input.c %}" }),
      { c: 3 },
      testScope("JSONata"),
    );
    expect(limits.maxConcurrency).toBe(3);
  });
});
