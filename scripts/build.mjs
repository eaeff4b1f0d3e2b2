// `npm run build`: the server and sandbox bundles (esbuild) and the console (next build).
// Writes .nimbus/build-stamp with the source fingerprint so `npm start` knows the build is current.
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { buildSandbox, buildServer, outDir, root } from "./build-lib.mjs";
import { sourceFingerprint } from "./fingerprint.mjs";
import { requireSupportedNode } from "./node-support.mjs";

export async function buildAll({ log = console.log } = {}) {
  const started = Date.now();
  log("[build] server and sandbox bundles…");
  await buildSandbox();
  await buildServer();
  log("[build] console (next build)…");
  const r = spawnSync(process.execPath, [path.join(root, "node_modules", "next", "dist", "bin", "next"), "build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (r.status !== 0) throw new Error(`next build failed (exit ${r.status})`);
  writeFileSync(path.join(outDir, "build-stamp"), sourceFingerprint());
  log(`[build] done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  requireSupportedNode(root, "The build");
  await buildAll();
}
