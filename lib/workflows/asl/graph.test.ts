import { describe, expect, it } from "vitest";
import { definitionGraph, describeRule } from "@/lib/workflows/asl/graph";
import type { StateMachineDefinition } from "@/lib/workflows/asl/types";

const LAMBDA = "arn:aws:lambda:us-east-1:123456789012:function:f";

describe("definitionGraph", () => {
  const definition: StateMachineDefinition = {
    StartAt: "Check",
    States: {
      Check: {
        Type: "Choice",
        Choices: [{ Variable: "$.n", NumericGreaterThan: 1, Next: "Par" }],
        Default: "Done",
      },
      Par: {
        Type: "Parallel",
        Branches: [
          { StartAt: "A", States: { A: { Type: "Pass", Next: "B" }, B: { Type: "Succeed" } } },
          { StartAt: "C", States: { C: { Type: "Task", Resource: LAMBDA, End: true } } },
        ],
        Catch: [{ ErrorEquals: ["States.ALL"], Next: "Failed" }],
        Next: "Each",
      },
      Each: {
        Type: "Map",
        ItemProcessor: { StartAt: "Item", States: { Item: { Type: "Pass", End: true } } },
        Next: "Done",
      },
      Done: { Type: "Succeed" },
      Failed: { Type: "Fail" },
    },
  };
  const graph = definitionGraph(definition);
  const node = (id: string) => graph.nodes.find((n) => n.id === id);

  it("lists every state, with groups for branches and the item processor", () => {
    expect(graph.nodes.map((n) => n.id)).toEqual([
      "Check",
      "Par",
      "Par/0",
      "Par/0/A",
      "Par/0/B",
      "Par/1",
      "Par/1/C",
      "Each",
      "Each/0",
      "Each/0/Item",
      "Done",
      "Failed",
    ]);
    expect(node("Par/0")).toEqual({ id: "Par/0", name: "Branch 1", type: "Branch", parent: "Par" });
    expect(node("Par/0/A")).toEqual({ id: "Par/0/A", name: "A", type: "Pass", parent: "Par/0", start: true });
    expect(node("Each/0")).toMatchObject({ type: "ItemProcessor", parent: "Each" });
    expect(node("Each/0/Item")).toMatchObject({ parent: "Each/0", start: true, end: true });
  });

  it("marks start and end states", () => {
    expect(node("Check")?.start).toBe(true);
    expect(node("Done")?.end).toBe(true);
    expect(node("Failed")?.end).toBe(true);
    expect(node("Par/1/C")?.end).toBe(true);
    expect(node("Par")?.end).toBeUndefined();
  });

  it("draws next, choice, default and catch edges within each scope", () => {
    expect(graph.edges).toEqual(
      expect.arrayContaining([
        { from: "Check", to: "Par", kind: "choice", label: "$.n NumericGreaterThan 1" },
        { from: "Check", to: "Done", kind: "default" },
        { from: "Par", to: "Each", kind: "next" },
        { from: "Par", to: "Failed", kind: "catch", label: "States.ALL" },
        { from: "Par/0/A", to: "Par/0/B", kind: "next" },
        { from: "Each", to: "Done", kind: "next" },
      ]),
    );
    expect(graph.edges).toHaveLength(6);
  });

  it("skips edges to states that do not exist, escapes '/' in names, and reads legacy Iterator", () => {
    const odd = definitionGraph({
      StartAt: "a/b",
      States: {
        "a/b": { Type: "Pass", Next: "ghost" },
        M: { Type: "Map", Iterator: { StartAt: "I", States: { I: { Type: "Pass", End: true } } }, End: true },
      },
    });
    expect(odd.nodes.map((n) => n.id)).toEqual(["a~1b", "M", "M/0", "M/0/I"]);
    expect(odd.edges).toEqual([]);
  });
});

describe("describeRule", () => {
  it("summarises nested and JSONata rules", () => {
    expect(describeRule({ Condition: "{% $x > 1 %}" })).toBe("{% $x > 1 %}");
    expect(
      describeRule({ And: [{ Variable: "$.a", IsPresent: true }, { Not: { Variable: "$.b", StringEquals: "x" } }] }),
    ).toBe('$.a IsPresent true and not ($.b StringEquals "x")');
  });
});
