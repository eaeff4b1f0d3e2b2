/**
 * Which Node runs Nimbus itself (scripts/node-support.mjs): LTS lines until their end of life, and
 * `npm test` — this very process — on the pinned one that `npm install` put in node_modules.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { nodeSupport, pinnedNode, serverNodeStatus } from "@/scripts/node-support.mjs";
import { root } from "@/test/process/spawn";

const on = (day: string) => new Date(`${day}T12:00:00Z`);

describe("the server's Node", () => {
  it("is supported while its LTS line is, and not past its end of life or on an odd line", () => {
    expect(nodeSupport("24.21.0", on("2026-12-07"))).toEqual({
      supported: true,
      eol: "2028-04-30",
      why: "Node 24 LTS, supported until 2028-04-30",
    });
    // Within 90 days of its end of life it is still supported, and says what to do.
    expect(nodeSupport("22.12.0", on("2027-03-01"))).toEqual({
      supported: true,
      eol: "2027-04-30",
      soon: true,
      why: "Node 22 LTS reaches its end of life on 2027-04-30, in 59 days: pin a newer LTS (npm run runtime:pin -- <version>)",
    });
    expect(nodeSupport("v22.12.0", on("2026-12-07")).supported).toBe(true);
    expect(nodeSupport("22.12.0", on("2027-05-01"))).toEqual({
      supported: false,
      eol: "2027-04-30",
      why: "Node 22 reached its end of life on 2027-04-30",
    });
    expect(nodeSupport("20.20.2", on("2026-12-07"))).toEqual({
      supported: false,
      eol: "2026-04-30",
      why: "Node 20 reached its end of life on 2026-04-30",
    });
    expect(nodeSupport("20.20.2", on("2026-01-10")).supported).toBe(true);
    expect(nodeSupport("25.1.0", on("2026-12-07"))).toEqual({
      supported: false,
      why: "Node 25 is not a long-term-support line",
    });
    expect(nodeSupport("16.20.0", on("2026-12-07")).supported).toBe(false);
    expect(nodeSupport("28.0.0", on("2026-12-07")).supported).toBe(true);
    expect(nodeSupport("nonsense").supported).toBe(false);
  });

  it("npm test runs on the pinned runtime, the one the sandboxes use", () => {
    const pins = JSON.parse(readFileSync(path.join(root, "scripts", "node-runtime.json"), "utf8"));
    const pinned = pinnedNode(root);
    expect(pinned.version).toBe(pins.version);
    expect(pinned.bin).toBe(path.join(root, "node_modules", ".nimbus-runtime", `node-v${pins.version}`, "bin", "node"));
    expect(process.versions.node).toBe(pins.version);
    const status = serverNodeStatus(root, "npm test");
    expect(status).toMatchObject({ allowed: true, supported: true, soon: false, endOfLife: "2028-04-30" });
    expect(status.line).toContain(`npm test runs on Node ${pins.version}: the pinned runtime`);
  });
});
