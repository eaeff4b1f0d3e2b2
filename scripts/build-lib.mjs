// Bundles the TypeScript that runs outside Next: the server entry and the sandbox host/worker.
// esbuild takes ~100 ms; Next builds the console separately (see build.mjs).
import { build } from "esbuild";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const outDir = path.join(root, ".nimbus");

const common = {
  bundle: true,
  platform: "node",
  target: "node22",
  format: "esm",
  sourcemap: "linked",
  logLevel: "warning",
  absWorkingDir: root,
  alias: { "@": root },
};

/** The sandbox files: self-contained (no node_modules), since they run in a locked-down process. */
export async function buildSandbox() {
  await build({
    ...common,
    entryPoints: {
      "sandbox/host": "lib/executor/host/main.ts",
      "sandbox/worker": "lib/executor/host/worker.ts",
      "sandbox/spawner": "lib/executor/spawner/main.ts",
    },
    outdir: outDir,
    outExtension: { ".js": ".mjs" },
  });
}

/** The server entry: node_modules stay external and are resolved at run time. */
export async function buildServer() {
  await build({
    ...common,
    entryPoints: { server: "server/main.ts" },
    outdir: outDir,
    outExtension: { ".js": ".mjs" },
    packages: "external",
    banner: {
      js:
        "import { createRequire as __nimbusCreateRequire } from 'node:module'; " +
        "const require = __nimbusCreateRequire(import.meta.url);",
    },
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await buildSandbox();
  if (!process.argv.includes("--sandbox-only")) await buildServer();
}
