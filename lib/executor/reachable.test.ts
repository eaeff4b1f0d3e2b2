import { chmodSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { reachableByOthers } from "@/lib/executor/isolation";

describe("what a sandbox under its own uid can read without bubblewrap", () => {
  it("needs the file readable by others and every folder above it passable", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "nimbus-reach-"));
    const file = path.join(dir, "host.mjs");
    writeFileSync(file, "");
    chmodSync(file, 0o644);
    chmodSync(dir, 0o700); // like /root
    expect(reachableByOthers(file)).toBe(false);
    chmodSync(dir, 0o711);
    expect(reachableByOthers(file)).toBe(true);
    chmodSync(file, 0o600);
    expect(reachableByOthers(file)).toBe(false);
    expect(reachableByOthers(path.join(dir, "missing"))).toBe(false);
  });
});
