import { describe, expect, it } from "vitest";
import {
  draftOfUrl,
  parseHeaderLines,
  toUrlInput,
  tryPathProblem,
  validateUrl,
} from "@/components/functions/function-url-form";

const none = { url: null, policy: null, publicAccess: false };

describe("the function URL form", () => {
  it("starts public, buffered, without CORS", () => {
    const d = draftOfUrl(none);
    expect(d).toMatchObject({ authType: "NONE", invokeMode: "BUFFERED", corsOn: false });
    expect(toUrlInput(d)).toEqual({ authType: "NONE", invokeMode: "BUFFERED", cors: null });
  });

  it("turns the CORS fields into Lambda's Cors object", () => {
    const d = {
      ...draftOfUrl(none),
      corsOn: true,
      allowOrigins: "https://a.example, https://b.example",
      allowMethods: "get, POST",
      allowHeaders: "x-token",
      maxAge: "600",
    };
    expect(validateUrl(d)).toEqual({});
    expect(toUrlInput(d).cors).toEqual({
      AllowOrigins: ["https://a.example", "https://b.example"],
      AllowMethods: ["GET", "POST"],
      AllowHeaders: ["x-token"],
      MaxAge: 600,
    });
  });

  it("says what is wrong next to the field", () => {
    const d = { ...draftOfUrl(none), corsOn: true, allowOrigins: "", allowMethods: "FETCHIT!", maxAge: "90000" };
    expect(validateUrl(d)).toEqual({
      allowOrigins: expect.stringContaining("at least one origin"),
      allowMethods: expect.stringContaining("is not a method"),
      maxAge: expect.stringContaining("0–86400"),
    });
    expect(validateUrl({ ...draftOfUrl(none), corsOn: true, allowCredentials: true }).allowCredentials).toMatch(
      /any origin/,
    );
  });
});

describe("HTTP tester input", () => {
  it("parses Name: value lines and skips blank ones", () => {
    expect(parseHeaderLines("Content-Type: application/json\n\n x-trace : a:b ")).toEqual({
      headers: [
        ["Content-Type", "application/json"],
        ["x-trace", "a:b"],
      ],
    });
  });
  it("names the line that is not a header", () => {
    expect(parseHeaderLines("a: 1\nnot a header")).toEqual({ error: "Line 2: write headers as Name: value" });
    expect(parseHeaderLines("bad name: 1")).toEqual({ error: "Line 1: write headers as Name: value" });
  });
  it("refuses full URLs and spaces in the path", () => {
    expect(tryPathProblem("/orders?id=7")).toBeNull();
    expect(tryPathProblem("https://x/y")).toMatch(/path after the URL/);
    expect(tryPathProblem("/a b")).toMatch(/spaces/);
  });
});
