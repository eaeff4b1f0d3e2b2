import { describe, expect, it } from "vitest";
import { configDiff } from "@/components/versions/config-diff";
import type { VersionJson } from "@/lib/queries/versions";

const version = (over: Partial<VersionJson>) =>
  ({
    version: "1",
    description: "",
    runtime: "nodejs20.x",
    handler: "index.handler",
    memoryMb: 128,
    timeoutSec: 3,
    ephemeralStorageMb: 512,
    egressMode: "internet",
    egressAllow: [],
    environment: {},
    secretNames: [],
    codeSha256: "abc=",
    codeSize: 1234,
    ...over,
  }) as VersionJson;

describe("configuration diff", () => {
  it("marks the fields that differ and leaves the rest unmarked", () => {
    const rows = configDiff(version({}), version({ memoryMb: 256, description: "faster" }));
    const changed = rows.filter((r) => r.changed).map((r) => [r.label, r.a, r.b]);
    expect(changed).toEqual([
      ["Description", "(none)", "faster"],
      ["Memory", "128 MB", "256 MB"],
    ]);
    expect(rows.find((r) => r.key === "codeSize")).toMatchObject({ a: "1,234 bytes", changed: false });
    // The description is about the version, not what it runs: marked so a summary can leave it out.
    expect(rows.filter((r) => r.meta).map((r) => r.key)).toEqual(["description"]);
  });

  it("compares environment variables one by one; a secret's masked value is marked, not compared", () => {
    const a = version({ environment: { A: "1", B: "x", S: "****" }, secretNames: ["S"] });
    const b = version({ environment: { A: "2", C: "y", S: "****", T: "****" }, secretNames: ["S", "T"] });
    const env = configDiff(a, b).filter((r) => r.key.startsWith("env:"));
    expect(env.map((r) => [r.label, r.a, r.b, r.changed, r.secret ?? false])).toEqual([
      ["Environment: A", "1", "2", true, false],
      ["Environment: B", "x", "(not set)", true, false],
      ["Environment: C", "(not set)", "y", true, false],
      ["Environment: S", "****", "****", false, true],
      ["Environment: T", "(not set)", "****", true, true],
    ]);
    // The same value, made secret: a change, though both sides read "****".
    const plain = version({ environment: { K: "****" } });
    const sealed = version({ environment: { K: "****" }, secretNames: ["K"] });
    expect(configDiff(plain, sealed).find((r) => r.key === "env:K")).toMatchObject({ changed: true, secret: true });
  });
});
