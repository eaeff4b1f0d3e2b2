import { describe, expect, it } from "vitest";
import { definitionGraph } from "@/lib/workflows/asl/graph";
import type { StateMachineDefinition } from "@/lib/workflows/asl/types";
import { compactRule, END_ID, layoutGraph, type LaidOutNode, START_ID } from "@/components/workflows/graph-layout";

const def = (d: unknown) => definitionGraph(d as StateMachineDefinition);
const byName = (nodes: LaidOutNode[], name: string) => nodes.find((n) => n.name === name)!;

describe("layoutGraph", () => {
  it("lays a chain out top to bottom between the Start and End markers", () => {
    const { nodes, edges } = layoutGraph(
      def({
        StartAt: "A",
        States: { A: { Type: "Pass", Next: "B" }, B: { Type: "Pass", Next: "C" }, C: { Type: "Succeed" } },
      }),
    );
    const [start, a, b, c, end] = [START_ID, "A", "B", "C", END_ID].map((id) => nodes.find((n) => n.id === id)!);
    expect(start!.y).toBeLessThan(a!.y);
    expect(a!.y).toBeLessThan(b!.y);
    expect(b!.y).toBeLessThan(c!.y);
    expect(c!.y).toBeLessThan(end!.y);
    expect(a!.x + a!.width / 2).toBeCloseTo(c!.x + c!.width / 2, 0);
    expect(edges.map((e) => `${e.source}>${e.target}:${e.kind}`)).toEqual([
      `${START_ID}>A:start`,
      "A>B:next",
      "B>C:next",
      `C>${END_ID}:end`,
    ]);
  });

  it("labels Choice rules by number and the default, and Catch edges with their errors", () => {
    const { edges } = layoutGraph(
      def({
        StartAt: "Pick",
        States: {
          Pick: {
            Type: "Choice",
            Choices: [
              { Variable: "$.n", NumericEquals: 1, Next: "One" },
              { Variable: "$.n", NumericEquals: 2, Next: "Two" },
            ],
            Default: "Two",
          },
          One: { Type: "Task", Resource: "fn", Catch: [{ ErrorEquals: ["States.ALL"], Next: "Two" }], End: true },
          Two: { Type: "Fail" },
        },
      }),
    );
    const labels = edges.filter((e) => e.label).map((e) => [e.kind, e.label]);
    expect(labels).toEqual([
      ["choice", "1. $.n == 1"],
      ["choice", "2. $.n == 2"],
      ["default", "Default"],
      ["catch", "Catch States.ALL"],
    ]);
    expect(edges.filter((e) => e.kind === "end").map((e) => e.source)).toEqual(["One", "Two"]);
  });

  it("sizes a Parallel around its branches, side by side, with parents listed before their children", () => {
    const { nodes } = layoutGraph(
      def({
        StartAt: "Par",
        States: {
          Par: {
            Type: "Parallel",
            Branches: [
              { StartAt: "A1", States: { A1: { Type: "Pass", Next: "A2" }, A2: { Type: "Pass", End: true } } },
              { StartAt: "B1", States: { B1: { Type: "Pass", End: true } } },
            ],
            End: true,
          },
        },
      }),
    );
    const par = byName(nodes, "Par");
    const [b1, b2] = [byName(nodes, "Branch 1"), byName(nodes, "Branch 2")];
    expect(par.kind).toBe("container");
    expect(b1.kind).toBe("branch");
    expect(b1.parent).toBe(par.id);
    // Relative positions: each child inside its parent's box.
    for (const child of [b1, b2]) {
      expect(child.x).toBeGreaterThanOrEqual(0);
      expect(child.y).toBeGreaterThan(0);
      expect(child.x + child.width).toBeLessThanOrEqual(par.width);
      expect(child.y + child.height).toBeLessThanOrEqual(par.height);
    }
    expect(b1.y).toBeCloseTo(b2.y, 0);
    expect(Math.abs(b1.x - b2.x)).toBeGreaterThan(b1.width / 2);
    const a2 = byName(nodes, "A2");
    expect(a2.parent).toBe(b1.id);
    expect(a2.y + a2.height).toBeLessThanOrEqual(b1.height);
    const index = (id: string) => nodes.findIndex((n) => n.id === id);
    for (const n of nodes) if (n.parent) expect(index(n.parent)).toBeLessThan(index(n.id));
  });

  it("draws a Map's item processor as a group inside it", () => {
    const { nodes } = layoutGraph(
      def({
        StartAt: "Each",
        States: {
          Each: {
            Type: "Map",
            ItemProcessor: { StartAt: "Item", States: { Item: { Type: "Task", Resource: "fn", End: true } } },
            End: true,
          },
        },
      }),
    );
    const item = byName(nodes, "Item");
    const processor = nodes.find((n) => n.id === item.parent)!;
    expect(processor).toMatchObject({ kind: "branch", parent: "Each" });
    expect(byName(nodes, "Each").kind).toBe("container");
  });

  it("copes with half-written definitions", () => {
    expect(layoutGraph(def({ States: {} })).nodes).toEqual([]);
    const { nodes } = layoutGraph(def({ StartAt: "A", States: { A: { Type: "Pass", Next: "Missing" } } }));
    expect(nodes.map((n) => n.id)).toEqual([START_ID, "A"]);
  });
});

describe("compactRule", () => {
  it("writes comparisons as symbols and leaves the rest", () => {
    expect(compactRule("$.n NumericGreaterThanEquals 10")).toBe("$.n >= 10");
    expect(compactRule('$.s StringEquals "ok" and $.t TimestampLessThanPath "$.u"')).toBe(
      '$.s == "ok" and $.t < path "$.u"',
    );
    expect(compactRule("$.x IsPresent true")).toBe("$.x IsPresent true");
  });
});
