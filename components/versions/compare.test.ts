import { describe, expect, it } from "vitest";
import {
  compareFiles,
  defaultPair,
  describeActor,
  firstInteresting,
  languageOf,
  pickPair,
} from "@/components/versions/compare";
import type { VersionJson } from "@/lib/queries/versions";

const list = (versions: string[], latestPublishedAs: string | null) => ({
  items: ["$LATEST", ...versions].map((version) => ({ version }) as VersionJson),
  latestPublishedAs,
});
const file = (path: string, sha256: string) => ({ path, sha256, size: 1, text: "" });

describe("comparing versions", () => {
  it("starts with what publishing would freeze, else the last two versions", () => {
    expect(defaultPair(list([], null))).toBeNull();
    expect(defaultPair(list(["1"], "1"))).toEqual({ a: "1", b: "$LATEST" });
    expect(defaultPair(list(["3", "2", "1"], "3"))).toEqual({ a: "2", b: "3" });
    expect(defaultPair(list(["3", "2", "1"], null))).toEqual({ a: "3", b: "$LATEST" });
  });

  it("keeps the URL's pair while both sides exist", () => {
    const l = list(["3", "1"], "3");
    expect(pickPair(l, "1", "$LATEST")).toEqual({ a: "1", b: "$LATEST" });
    expect(pickPair(l, "2", "3")).toEqual({ a: "1", b: "3" });
    expect(pickPair(l, null, null)).toEqual({ a: "1", b: "3" });
  });

  it("names each path added, removed, changed or unchanged, and opens a changed one first", () => {
    const changes = compareFiles(
      [file("index.mjs", "x"), file("old.mjs", "o"), file("lib/a.mjs", "a")],
      [file("index.mjs", "y"), file("lib/a.mjs", "a"), file("new.json", "n")],
    );
    expect(changes.map((c) => [c.path, c.status])).toEqual([
      ["index.mjs", "changed"],
      ["lib/a.mjs", "unchanged"],
      ["new.json", "added"],
      ["old.mjs", "removed"],
    ]);
    expect(firstInteresting(changes)).toBe("index.mjs");
    expect(firstInteresting(changes.filter((c) => c.status !== "changed"))).toBe("new.json");
    expect(firstInteresting(compareFiles([file("a", "1")], [file("a", "1")]))).toBe("a");
    expect(firstInteresting([])).toBeNull();
  });

  it("picks Monaco's language by extension, and says who made a version", () => {
    expect(languageOf("index.mjs")).toBe("javascript");
    expect(languageOf("src/App.TSX")).toBe("typescript");
    expect(languageOf("package.json")).toBe("json");
    expect(languageOf("Makefile")).toBe("plaintext");
    expect(languageOf("dir.d/file")).toBe("plaintext");
    expect(describeActor("console-user:alice")).toEqual({ name: "alice", kind: "console user" });
    expect(describeActor("access-key:AKIA123")).toEqual({ name: "AKIA123", kind: "access key" });
    expect(describeActor("system:nimbus")).toEqual({ name: "Nimbus", kind: "system" });
    expect(describeActor("robot:r2:d2")).toEqual({ name: "r2:d2", kind: "robot" });
    expect(describeActor(null)).toBeNull();
  });
});
