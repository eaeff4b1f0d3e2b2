// Which Node runs Nimbus itself, why, and whether it may. npm scripts run on the pinned LTS
// (scripts/install-runtime.mjs links node_modules/.bin/node to it); where none is installed (a
// platform without a pinned binary) the machine's Node runs them, and it must be a supported LTS.
// Past its end of life a runtime gets no security fixes: the server refuses to start on one unless
// NIMBUS_ALLOW_UNSUPPORTED_NODE=1 says the operator knows.
import { existsSync, readFileSync, realpathSync } from "node:fs";
import path from "node:path";

/** End of life of each LTS line (nodejs.org/en/about/previous-releases). */
const END_OF_LIFE = {
  18: "2025-04-30",
  20: "2026-04-30",
  22: "2027-04-30",
  24: "2028-04-30",
  26: "2029-04-30",
};
const NEWEST_KNOWN = 26;
/** Within this many days of its end of life a supported line is announced as a warning. */
const SOON_DAYS = 90;

/** Whether `version` (e.g. "24.21.0") is an LTS line still supported on `today`. */
export function nodeSupport(version, today = new Date()) {
  const major = Number(String(version).replace(/^v/, "").split(".")[0]);
  if (!Number.isInteger(major)) return { supported: false, why: `cannot read the version ${version}` };
  if (major % 2 === 1) return { supported: false, why: `Node ${major} is not a long-term-support line` };
  // An even line newer than this table is an LTS (or about to be one).
  if (major > NEWEST_KNOWN) return { supported: true, why: `Node ${major} LTS` };
  const eol = END_OF_LIFE[major];
  if (!eol || Date.parse(eol) <= today.getTime())
    return { supported: false, eol, why: `Node ${major} reached its end of life${eol ? ` on ${eol}` : ""}` };
  const daysLeft = Math.floor((Date.parse(eol) - today.getTime()) / 86_400_000);
  if (daysLeft < SOON_DAYS)
    return {
      supported: true,
      eol,
      soon: true,
      why: `Node ${major} LTS reaches its end of life on ${eol}, in ${daysLeft} days: pin a newer LTS (npm run runtime:pin -- <version>)`,
    };
  return { supported: true, eol, why: `Node ${major} LTS, supported until ${eol}` };
}

/** The pinned binary `npm install` put in this checkout, if any. */
export function pinnedNode(root) {
  const { version } = JSON.parse(readFileSync(path.join(root, "scripts", "node-runtime.json"), "utf8"));
  const bin = path.join(root, "node_modules", ".nimbus-runtime", `node-v${version}`, "bin", "node");
  return { version, bin: existsSync(bin) ? bin : null };
}

/**
 * Which Node runs this process and why, in one line; `allowed` is false past its end of life
 * (unless NIMBUS_ALLOW_UNSUPPORTED_NODE=1), and the line then says how to run on the pinned one.
 */
export function serverNodeStatus(root, what = "Nimbus") {
  const pinned = pinnedNode(root);
  const mine = process.versions.node;
  const isPinned = pinned.bin !== null && realpathSync(process.execPath) === realpathSync(pinned.bin);
  const support = nodeSupport(mine);
  const source = isPinned
    ? "the pinned runtime (scripts/node-runtime.json), the same binary as the sandboxes"
    : `the machine's Node (${process.execPath})`;
  if (support.supported)
    return {
      allowed: true,
      supported: true,
      soon: support.soon === true,
      endOfLife: support.eol ?? null,
      line: `${what} runs on Node ${mine}: ${source}; ${support.why}`,
    };
  const fix = pinned.bin
    ? `run it through npm (npm start, npm test…) or with ${path.relative(process.cwd(), pinned.bin) || pinned.bin}`
    : "run `npm install` to install the pinned Node, or install a supported Node LTS";
  const allowed = process.env.NIMBUS_ALLOW_UNSUPPORTED_NODE === "1";
  return {
    allowed,
    supported: false,
    soon: false,
    endOfLife: support.eol ?? null,
    line: allowed
      ? `${what} runs on Node ${mine} — ${source}: ${support.why}; allowed by NIMBUS_ALLOW_UNSUPPORTED_NODE=1 (${fix})`
      : `${what} will not run on Node ${mine} — ${source}: ${support.why}. ${fix[0].toUpperCase()}${fix.slice(1)} (NIMBUS_ALLOW_UNSUPPORTED_NODE=1 runs it anyway).`,
  };
}

/** For scripts: prints the status line (`print: false`: only a refusal) and exits on a refusal. */
export function requireSupportedNode(root, what, { print = true } = {}) {
  const s = serverNodeStatus(root, what);
  if (!s.allowed) {
    console.error(`[nimbus] ${s.line}`);
    process.exit(1);
  }
  if (!s.supported || s.soon) console.warn(`[nimbus] WARNING: ${s.line}`);
  else if (print) console.log(`[nimbus] ${s.line}`);
}
