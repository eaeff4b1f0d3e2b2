/**
 * Which Node runs user code: NIMBUS_SANDBOX_NODE when set, else the pinned LTS that
 * `npm install` put under node_modules/.nimbus-runtime (scripts/install-runtime.mjs), else
 * the server's own Node. The runtime identifier (nodejs24.x …) is derived from it, so what
 * the API and console report is what actually runs.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export interface SandboxNode {
  nodePath: string;
  version: string;
  major: number;
  /** The Lambda runtime identifier, e.g. nodejs24.x. */
  id: string;
}

const byPath = new Map<string, SandboxNode>();
let pinnedIn: { root: string; nodePath: string | null } | null = null;

/** What a node binary is; asked once per path (the pinned one says so in its VERSION file). */
export function nodeOf(nodePath: string): SandboxNode {
  let platform = byPath.get(nodePath);
  if (!platform) {
    const versionFile = path.join(path.dirname(path.dirname(nodePath)), "VERSION");
    const version =
      nodePath === process.execPath
        ? process.versions.node
        : nodePath.includes(".nimbus-runtime") && existsSync(versionFile)
          ? readFileSync(versionFile, "utf8").trim()
          : (/^v?(\d+\.\d+\.\d+)/.exec(
              execFileSync(nodePath, ["--version"], { encoding: "utf8", timeout: 10_000 }).trim(),
            )?.[1] ?? process.versions.node);
    const major = Number(version.split(".")[0]);
    platform = { nodePath, version, major, id: `nodejs${major}.x` };
    byPath.set(nodePath, platform);
  }
  return platform;
}

export function sandboxNode(root = process.cwd(), override = process.env.NIMBUS_SANDBOX_NODE): SandboxNode {
  if (override) return nodeOf(path.resolve(override));
  if (pinnedIn?.root !== root) {
    const dir = path.join(root, "node_modules", ".nimbus-runtime");
    const found = existsSync(dir)
      ? readdirSync(dir).find((d) => /^node-v\d+\.\d+\.\d+$/.test(d) && existsSync(path.join(dir, d, "bin", "node")))
      : undefined;
    pinnedIn = { root, nodePath: found ? path.join(dir, found, "bin", "node") : null };
  }
  return nodeOf(pinnedIn.nodePath ?? process.execPath);
}
