import { describe, expect, it } from "vitest";
import {
  amznTraceId,
  invocationSpanIds,
  normalTraceId,
  parseAmznTraceId,
  traceFromHeaders,
  xrayTraceId,
} from "@/lib/traces/context";

describe("trace context", () => {
  it("reads X-Ray's header as Lambda passes it on", () => {
    expect(parseAmznTraceId("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1")).toEqual({
      traceId: "5759e988bd862e3fe1be46a994272793",
      parentSpanId: "53995c3f42cd8ad8",
      sampled: true,
    });
    expect(parseAmznTraceId("Root=1-5759e988-bd862e3fe1be46a994272793")).toEqual({
      traceId: "5759e988bd862e3fe1be46a994272793",
      parentSpanId: null,
      sampled: null,
    });
    expect(parseAmznTraceId("Root=nonsense;Parent=53995c3f42cd8ad8")).toBeNull();
  });

  it("prefers a valid traceparent and ignores an all-zero one", () => {
    const amzn = "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=0";
    expect(traceFromHeaders("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", amzn)).toEqual({
      traceId: "0af7651916cd43dd8448eb211c80319c",
      parentSpanId: "b7ad6b7169203331",
      sampled: true,
    });
    expect(traceFromHeaders("00-00000000000000000000000000000000-b7ad6b7169203331-01", amzn)?.traceId).toBe(
      "5759e988bd862e3fe1be46a994272793",
    );
    expect(traceFromHeaders(undefined, undefined)).toBeNull();
  });

  it("writes the header back in X-Ray's form, and takes ids in either form", () => {
    const id = "5759e988bd862e3fe1be46a994272793";
    expect(xrayTraceId(id)).toBe("1-5759e988-bd862e3fe1be46a994272793");
    expect(amznTraceId(id, "53995c3f42cd8ad8", false)).toBe(
      "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=0",
    );
    expect(normalTraceId("1-5759E988-bd862e3fe1be46a994272793")).toBe(id);
    expect(normalTraceId(id)).toBe(id);
    expect(normalTraceId("x")).toBeNull();
  });

  it("derives distinct span ids per attempt of one request", () => {
    const a = invocationSpanIds("0af76519-16cd-43dd-8448-eb211c80319c", 1);
    const b = invocationSpanIds("0af76519-16cd-43dd-8448-eb211c80319c", 2);
    expect(a.request).toMatch(/^[0-9a-f]{16}$/);
    expect(a.handler).toMatch(/^[0-9a-f]{16}$/);
    expect(new Set([a.request, a.handler, b.request, b.handler]).size).toBe(4);
  });
});
