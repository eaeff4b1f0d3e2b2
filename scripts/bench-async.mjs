// `npm run bench:async`: bundle and run bench/async.ts (see there).
import { spawnSync } from "node:child_process";
import path from "node:path";
import { build } from "esbuild";
import { buildSandbox, buildServer, root } from "./build-lib.mjs";
import { requireSupportedNode } from "./node-support.mjs";

requireSupportedNode(root, "The benchmark");

await buildSandbox();
await buildServer();
const out = path.join(root, ".nimbus", "bench-async.mjs");
await build({
  entryPoints: [path.join(root, "bench", "async.ts")],
  bundle: true,
  platform: "node",
  target: "node22",
  format: "esm",
  outfile: out,
  packages: "external",
  logLevel: "warning",
  alias: { "@": root },
});
process.exit(spawnSync(process.execPath, [out], { cwd: root, stdio: "inherit" }).status ?? 1);
