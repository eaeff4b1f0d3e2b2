import { describe, expect, it } from "vitest";
import { validateDefinition } from "@/lib/workflows/asl/validate";
import { definitionGraph } from "@/lib/workflows/asl/graph";
import { DEFINITION_TEMPLATES, templateIdOf, templateText } from "@/components/workflows/templates";

describe("definition templates", () => {
  it.each(DEFINITION_TEMPLATES.map((t) => [t.id]))("%s is a valid definition with a drawable graph", (id) => {
    const text = templateText(id as never);
    const check = validateDefinition(text);
    expect(check.diagnostics).toEqual([]);
    const graph = definitionGraph(JSON.parse(text));
    expect(graph.nodes.filter((n) => n.start && !n.parent)).toHaveLength(1);
  });

  it("reads a template id from the URL, falling back to the first", () => {
    expect(templateIdOf("fan-out")).toBe("fan-out");
    expect(templateIdOf(["task"])).toBe("task");
    expect(templateIdOf("nope")).toBe("hello");
    expect(templateIdOf(undefined)).toBe("hello");
  });
});
