// `npm test`: lint and typecheck, unit and integration tests (vitest, real PostgreSQL), then the browser tests
// (Playwright in Debian's chromium against the production build). Exits non-zero on any
// failure and ends with one "N passed, N failed" line for both suites together.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { root } from "./build-lib.mjs";
import { requireSupportedNode } from "./node-support.mjs";

requireSupportedNode(root, "npm test");
const bin = (pkg, file) => path.join(root, "node_modules", pkg, file);
const reports = path.join(root, "test-results");
mkdirSync(reports, { recursive: true });
const totals = { passed: 0, failed: 0, skipped: 0 };

const run = (label, args) => {
  console.log(`\n[test] ${label}`);
  const r = spawnSync(process.execPath, args, {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  return r.status ?? 1;
};
const readJson = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : null);
const finish = (code) => {
  console.log(
    `\n${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ""}`,
  );
  process.exit(code);
};

const only = process.argv[2];
if (!only || only === "lint") {
  // Format, lint and types (tests included) first: a style or type error fails the run before anything starts.
  if (run("lint: biome check + tsc --noEmit", [bin("@biomejs/biome", "bin/biome"), "check", "."]) !== 0) finish(1);
  if (run("typecheck", [bin("typescript", "bin/tsc"), "--noEmit"]) !== 0) finish(1);
}
if (!only || only === "unit") {
  const file = path.join(reports, "vitest.json");
  const code = run("vitest: unit and integration", [
    bin("vitest", "vitest.mjs"),
    "run",
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${file}`,
  ]);
  const r = readJson(file);
  totals.passed += r?.numPassedTests ?? 0;
  totals.failed += r?.numFailedTests ?? (code === 0 ? 0 : 1);
  totals.skipped += (r?.numPendingTests ?? 0) + (r?.numTodoTests ?? 0);
  if (code !== 0) finish(code);
}
if (!only || only === "e2e") {
  if (run("build (when not current)", [path.join(root, "scripts", "build-if-stale.mjs")]) !== 0) finish(1);
  const file = path.join(reports, "playwright.json");
  const code =
    spawnSync(process.execPath, [bin("@playwright/test", "cli.js"), "test", "--reporter=list,json"], {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", PLAYWRIGHT_JSON_OUTPUT_NAME: file },
    }).status ?? 1;
  const r = readJson(file);
  totals.passed += r?.stats?.expected ?? 0;
  totals.failed += (r?.stats?.unexpected ?? 0) + (r?.stats?.flaky ?? 0) || (code === 0 ? 0 : 1);
  totals.skipped += r?.stats?.skipped ?? 0;
  if (code !== 0) finish(code);
}
finish(0);
