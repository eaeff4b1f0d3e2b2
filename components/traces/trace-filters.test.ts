import { describe, expect, it } from "vitest";
import {
  isFiltered,
  NO_FILTERS,
  parseMinMs,
  readTraceFilters,
  writeTraceFilters,
} from "@/components/traces/trace-filters";
import { traceListQuery } from "@/lib/queries/traces";

const read = (qs: string) => readTraceFilters(new URLSearchParams(qs));

describe("readTraceFilters", () => {
  it("reads the three filters", () => {
    expect(read("function=orders&minMs=250&errors=1")).toEqual({
      functionName: "orders",
      minMs: 250,
      errorsOnly: true,
    });
  });

  it("reads nothing, or nonsense, as no filter", () => {
    expect(read("")).toEqual(NO_FILTERS);
    expect(read("function=%20%20&minMs=abc&errors=yes")).toEqual(NO_FILTERS);
    expect(read("minMs=-5")).toEqual(NO_FILTERS);
    expect(read("minMs=1.5")).toEqual(NO_FILTERS);
    expect(read("minMs=0")).toEqual(NO_FILTERS);
    expect(read("minMs=999999999")).toEqual(NO_FILTERS);
  });

  it("cuts a very long function name", () => {
    expect(read(`function=${"a".repeat(500)}`).functionName).toHaveLength(170);
  });
});

describe("parseMinMs", () => {
  it("takes whole positive milliseconds up to a day", () => {
    expect(parseMinMs(" 100 ")).toBe(100);
    expect(parseMinMs("86400000")).toBe(86_400_000);
    expect(parseMinMs("86400001")).toBeNull();
    expect(parseMinMs("")).toBeNull();
    expect(parseMinMs(null)).toBeNull();
    expect(parseMinMs("1e3")).toBeNull();
  });
});

describe("writeTraceFilters", () => {
  it("writes what is set and drops what is back to the default, keeping other params", () => {
    expect(writeTraceFilters("x=1", { functionName: " orders ", minMs: 50, errorsOnly: true })).toBe(
      "x=1&function=orders&minMs=50&errors=1",
    );
    expect(writeTraceFilters("function=orders&minMs=50&errors=1", { minMs: null, errorsOnly: false })).toBe(
      "function=orders",
    );
  });
});

describe("traceListQuery", () => {
  it("adds the cursor to the filters", () => {
    expect(traceListQuery({ functionName: "f", minMs: null, errorsOnly: true }, "abc")).toBe(
      "function=f&errors=1&cursor=abc",
    );
    expect(traceListQuery(NO_FILTERS, null)).toBe("");
  });

  it("knows when anything is filtered", () => {
    expect(isFiltered(NO_FILTERS)).toBe(false);
    expect(isFiltered({ ...NO_FILTERS, errorsOnly: true })).toBe(true);
  });
});
