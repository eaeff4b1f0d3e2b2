import { describe, expect, it } from "vitest";
import { compilePattern, matches } from "@/lib/event-sources/filter";

const m = (pattern: object, event: unknown) => matches(compilePattern(JSON.stringify(pattern)), event);

describe("event patterns (FilterCriteria)", () => {
  const order = { body: { kind: "order", total: 42, region: "eu-west-1", tags: ["new", "vip"], note: null } };

  it("match literals, lists of alternatives and array fields", () => {
    expect(m({ body: { kind: ["order"] } }, order)).toBe(true);
    expect(m({ body: { kind: ["refund", "order"] } }, order)).toBe(true);
    expect(m({ body: { kind: ["refund"] } }, order)).toBe(false);
    expect(m({ body: { tags: ["vip"] } }, order)).toBe(true);
    expect(m({ body: { note: [null] } }, order)).toBe(true);
    expect(m({ body: { missing: ["x"] } }, order)).toBe(false);
  });

  it("match prefix, suffix, equals-ignore-case and wildcard", () => {
    expect(m({ body: { region: [{ prefix: "eu-" }] } }, order)).toBe(true);
    expect(m({ body: { region: [{ prefix: "us-" }] } }, order)).toBe(false);
    expect(m({ body: { region: [{ suffix: "-1" }] } }, order)).toBe(true);
    expect(m({ body: { kind: [{ "equals-ignore-case": "ORDER" }] } }, order)).toBe(true);
    expect(m({ body: { region: [{ wildcard: "eu-*-1" }] } }, order)).toBe(true);
  });

  it("match numeric ranges and exists", () => {
    expect(m({ body: { total: [{ numeric: [">", 10, "<=", 42] }] } }, order)).toBe(true);
    expect(m({ body: { total: [{ numeric: [">", 42] }] } }, order)).toBe(false);
    expect(m({ body: { kind: [{ numeric: [">", 0] }] } }, order)).toBe(false);
    expect(m({ body: { total: [{ exists: true }] } }, order)).toBe(true);
    expect(m({ body: { missing: [{ exists: false }] } }, order)).toBe(true);
    expect(m({ body: { total: [{ exists: false }] } }, order)).toBe(false);
  });

  it("match anything-but a value, a list or a prefix", () => {
    expect(m({ body: { kind: [{ "anything-but": "refund" }] } }, order)).toBe(true);
    expect(m({ body: { kind: [{ "anything-but": ["order", "refund"] }] } }, order)).toBe(false);
    expect(m({ body: { region: [{ "anything-but": { prefix: "us-" } }] } }, order)).toBe(true);
    expect(m({ body: { missing: [{ "anything-but": "x" }] } }, order)).toBe(false);
  });

  it("match $or", () => {
    expect(m({ body: { $or: [{ kind: ["refund"] }, { total: [{ numeric: [">=", 40] }] }] } }, order)).toBe(true);
    expect(m({ body: { $or: [{ kind: ["refund"] }, { total: [{ numeric: ["<", 40] }] }] } }, order)).toBe(false);
  });

  it("refuse bad patterns clearly", () => {
    expect(() => compilePattern("{nope")).toThrow(/not valid JSON/);
    expect(() => compilePattern(JSON.stringify({ body: { kind: [] } }))).toThrow(/empty list/);
    expect(() => compilePattern(JSON.stringify({ body: { kind: [{ between: 1 }] } }))).toThrow(/unknown operator/);
    expect(() => compilePattern(JSON.stringify({ body: { n: [{ numeric: [">", "x"] }] } }))).toThrow(/numeric/);
  });
});
