import { describe, expect, it } from "vitest";
import {
  diagnosticPlace,
  parseDefinition,
  sortDiagnostics,
  toMarkers,
} from "@/components/workflows/definition-markers";

const text = ["{", '  "StartAt": "A",', '  "States": {}', "}"].join("\n");

describe("toMarkers", () => {
  it("marks from the diagnostic's column to the end of its line, with the pointer in the message", () => {
    const [m] = toMarkers([{ code: "X", message: "No such state", path: "/StartAt", line: 2, column: 14 }], text);
    expect(m).toEqual({
      startLineNumber: 2,
      startColumn: 14,
      endLineNumber: 2,
      endColumn: 18,
      message: "No such state (/StartAt)",
      code: "X",
    });
  });

  it("marks the first line's text when a problem has no position, and keeps positions inside the text", () => {
    const [none, past] = toMarkers(
      [
        { code: "A", message: "Empty", path: "" },
        { code: "B", message: "Far", path: "/x", line: 40, column: 90 },
      ],
      text,
    );
    expect(none).toMatchObject({ startLineNumber: 1, startColumn: 1, endColumn: 2, message: "Empty" });
    expect(past).toMatchObject({ startLineNumber: 4, startColumn: 2, endColumn: 3 });
  });
});

describe("diagnosticPlace", () => {
  it("says the line and column, else the pointer", () => {
    expect(diagnosticPlace({ code: "", message: "", path: "/a", line: 3, column: 5 })).toBe("Line 3, column 5");
    expect(diagnosticPlace({ code: "", message: "", path: "/a", line: 3 })).toBe("Line 3");
    expect(diagnosticPlace({ code: "", message: "", path: "/States/A" })).toBe("/States/A");
  });
});

describe("parseDefinition", () => {
  it("gives an object for JSON objects only", () => {
    expect(parseDefinition('{"StartAt":"A"}')).toEqual({ StartAt: "A" });
    expect(parseDefinition("[1]")).toBeNull();
    expect(parseDefinition('{"StartAt":')).toBeNull();
  });
});

describe("sortDiagnostics", () => {
  it("orders problems by line and column", () => {
    const d = (line?: number, column?: number) => ({ code: "", message: "", path: "", line, column });
    expect(sortDiagnostics([d(5, 2), d(3, 9), d(), d(3, 1)])).toEqual([d(), d(3, 1), d(3, 9), d(5, 2)]);
  });
});
