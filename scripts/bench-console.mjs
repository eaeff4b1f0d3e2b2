// `npm run bench:console`: start Nimbus with a fresh embedded database, seed it (1,000 functions,
// 100,000 invocations and 1,000,000 log lines for seed-fn-0001), then time the console pages in
// Debian's chromium (bench/console/console.perf.ts). Writes bench/console-results.json.
import { spawn, spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { root } from "./build-lib.mjs";
import { requireSupportedNode } from "./node-support.mjs";

requireSupportedNode(root, "The benchmark");

const run = (args, env = {}) =>
  spawnSync(process.execPath, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } }).status;
if (run([path.join(root, "scripts", "build-if-stale.mjs")]) !== 0) process.exit(1);

// The console requires a login; the perf run signs in as admin with this password.
const adminPassword = "bench-console-password";
const dataDir = mkdtempSync(path.join(os.tmpdir(), "nimbus-console-bench-"));
chmodSync(dataDir, 0o755);
const server = spawn(process.execPath, [path.join(root, ".nimbus", "server.mjs")], {
  cwd: root,
  env: { ...process.env, PORT: "0", HOST: "127.0.0.1", NIMBUS_DATA_DIR: dataDir, NIMBUS_ADMIN_PASSWORD: adminPassword },
  stdio: ["ignore", "pipe", "inherit"],
});
const url = await new Promise((resolve, reject) => {
  let out = "";
  server.stdout.on("data", (c) => {
    out += c;
    const m = /ready on (http:\/\/localhost:\d+)/.exec(out);
    if (m) resolve(m[1]);
  });
  server.once("exit", (code) => reject(new Error(`server exited ${code}`)));
});
server.stdout.resume();
const pid = readFileSync(path.join(dataDir, "pg", "postmaster.pid"), "utf8").split("\n");
const password = readFileSync(path.join(dataDir, "pg-password"), "utf8").trim();
const databaseUrl = `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${pid[3]}/nimbus`;

let status = run([path.join(root, "scripts", "seed.mjs")], { DATABASE_URL: databaseUrl });
if (status === 0) {
  status = run(
    [
      path.join(root, "node_modules", "@playwright", "test", "cli.js"),
      "test",
      "--config",
      "bench/console/playwright.config.ts",
    ],
    {
      CONSOLE_BENCH_URL: url.replace("localhost", "127.0.0.1"),
      CONSOLE_BENCH_OUT: path.join(root, "bench", "console-results.json"),
      CONSOLE_BENCH_PASSWORD: adminPassword,
    },
  );
}
server.kill("SIGTERM");
await new Promise((r) => server.once("exit", r));
rmSync(dataDir, { recursive: true, force: true });
process.exit(status ?? 1);
