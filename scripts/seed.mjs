// `DATABASE_URL=… node scripts/seed.mjs`: bundle bench/seed.ts, run it (see that file for what it fills).
import { spawnSync } from "node:child_process";
import path from "node:path";
import { build } from "esbuild";
import { root } from "./build-lib.mjs";
import { requireSupportedNode } from "./node-support.mjs";

requireSupportedNode(root, "The seed script");

const out = path.join(root, ".nimbus", "seed.mjs");
await build({
  entryPoints: [path.join(root, "bench", "seed.ts")],
  bundle: true,
  platform: "node",
  target: "node22",
  format: "esm",
  outfile: out,
  packages: "external",
  logLevel: "warning",
  alias: { "@": root },
});
const r = spawnSync(process.execPath, [out, ...process.argv.slice(2)], { cwd: root, stdio: "inherit" });
process.exit(r.status ?? 1);
