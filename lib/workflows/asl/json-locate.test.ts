import { describe, expect, it } from "vitest";
import { escapePointer, locateJson, positionOf, valueAtPointer } from "@/lib/workflows/asl/json-locate";

describe("locateJson", () => {
  const source = ["{", '  "a/b": [1, {"c~d": "x\\"y"}],', '  "e": null', "}"].join("\n");

  it("records where each value and key starts, by JSON pointer", () => {
    const location = locateJson(source);
    expect(location.error).toBeUndefined();
    expect(location.values.get("")).toEqual({ line: 1, column: 1 });
    expect(location.values.get("/a~1b")).toEqual({ line: 2, column: 10 });
    expect(location.values.get("/a~1b/0")).toEqual({ line: 2, column: 11 });
    expect(location.values.get("/a~1b/1/c~0d")).toEqual({ line: 2, column: 22 });
    expect(location.keys.get("/e")).toEqual({ line: 3, column: 3 });
    expect(location.values.get("/e")).toEqual({ line: 3, column: 8 });
  });

  it("falls back to the nearest existing ancestor", () => {
    const location = locateJson(source);
    expect(positionOf(location, "/e/missing/deeper")).toEqual({ line: 3, column: 8 });
    expect(positionOf(location, "/nope")).toEqual({ line: 1, column: 1 });
  });

  it("reports syntax errors where they are", () => {
    expect(locateJson('{"a": 1,}').error).toMatchObject({ line: 1, column: 9 });
    expect(locateJson('{"a": tru}').error).toMatchObject({ line: 1, column: 7 });
    expect(locateJson("[1 2]").error).toMatchObject({ line: 1, column: 4 });
    expect(locateJson('{"a": "\\q"}').error?.message).toBe("Invalid escape sequence in string");
    expect(locateJson('{"a": 1} x').error?.message).toBe("Unexpected text after the JSON value");
    expect(locateJson("").error?.message).toBe("Unexpected end of JSON input");
  });

  it("escapes and resolves pointers", () => {
    expect(escapePointer("a/b~c")).toBe("a~1b~0c");
    expect(valueAtPointer({ "a/b": [1, { c: 2 }] }, "/a~1b/1/c")).toBe(2);
    expect(valueAtPointer({ a: 1 }, "/b")).toBeUndefined();
    expect(valueAtPointer({ a: 1 }, "")).toEqual({ a: 1 });
  });
});
