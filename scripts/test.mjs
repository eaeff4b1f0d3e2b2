// `npm test`: unit and integration tests (vitest, real PostgreSQL), then the browser tests
// (Playwright in Debian's chromium against the production build). Exits non-zero on any failure.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { root } from "./build-lib.mjs";

const bin = (pkg, file) => path.join(root, "node_modules", pkg, file);
const run = (label, args) => {
  console.log(`\n[test] ${label}`);
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (r.status !== 0) {
    console.error(`[test] ${label} failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status || 1);
  }
};

const only = process.argv[2];
if (!only || only === "unit") run("vitest: unit and integration", [bin("vitest", "vitest.mjs"), "run"]);
if (!only || only === "e2e") {
  run("build (when not current)", [path.join(root, "scripts", "build-if-stale.mjs")]);
  run("playwright: browser tests", [bin("@playwright/test", "cli.js"), "test"]);
}
console.log("\n[test] all passed");
