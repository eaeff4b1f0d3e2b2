/**
 * Which Node runs user code: NIMBUS_SANDBOX_NODE when set, else the pinned LTS that
 * `npm install` put under node_modules/.nimbus-runtime (scripts/install-runtime.mjs), else
 * the server's own Node. The runtime identifier (nodejs24.x …) is derived from it, so what
 * the API and console report is what actually runs.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export interface SandboxRuntime {
  nodePath: string;
  version: string;
  major: number;
  /** The Lambda runtime identifier, e.g. nodejs24.x. */
  id: string;
}

let cached: SandboxRuntime | null = null;

export function sandboxRuntime(root = process.cwd(), override = process.env.NIMBUS_SANDBOX_NODE): SandboxRuntime {
  if (cached && !override) return cached;
  let nodePath = process.execPath;
  let version = process.versions.node;
  if (override) {
    nodePath = path.resolve(override);
    version = "";
  } else {
    const dir = path.join(root, "node_modules", ".nimbus-runtime");
    const found = existsSync(dir) ? readdirSync(dir).find((d) => /^node-v\d+\.\d+\.\d+$/.test(d) && existsSync(path.join(dir, d, "bin", "node"))) : undefined;
    if (found) {
      nodePath = path.join(dir, found, "bin", "node");
      version = readFileSync(path.join(dir, found, "VERSION"), "utf8").trim();
    }
  }
  if (!version) version = /^v?(\d+\.\d+\.\d+)/.exec(String(readVersion(nodePath)))?.[1] ?? process.versions.node;
  const major = Number(version.split(".")[0]);
  const rt = { nodePath, version, major, id: `nodejs${major}.x` };
  if (!override) cached = rt;
  return rt;
}

/** Only for an explicit override: run it once to ask. */
function readVersion(nodePath: string): string {
  return execFileSync(nodePath, ["--version"], { encoding: "utf8", timeout: 10_000 }).trim();
}
