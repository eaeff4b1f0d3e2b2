// `npm run bench`: build what is stale, bundle the benchmark, run it.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { build } from "esbuild";
import { root } from "./build-lib.mjs";
import { requireSupportedNode } from "./node-support.mjs";

requireSupportedNode(root, "The benchmark");

const stale = spawnSync(process.execPath, [path.join(root, "scripts", "build-if-stale.mjs")], {
  cwd: root,
  stdio: "inherit",
});
if (stale.status !== 0) process.exit(stale.status ?? 1);
const out = path.join(root, ".nimbus", "bench.mjs");
// --sandbox: the isolation layers' cost at sandbox start (bench/sandbox-start.ts);
// --stages: where a warm invoke's time and CPU go, stage by stage (bench/stages.ts);
// --io: an I/O-bound function with and without instance concurrency (bench/io-bound.ts);
// --queues: SQS-compatible queues and event source mappings (bench/queues.ts);
// --workflows: Step Functions–compatible state machines (bench/workflows.ts);
// --tracing: what tracing costs a warm invoke, on against off (bench/tracing.ts).
const entries = {
  "--sandbox": "sandbox-start.ts",
  "--stages": "stages.ts",
  "--io": "io-bound.ts",
  "--queues": "queues.ts",
  "--workflows": "workflows.ts",
  "--tracing": "tracing.ts",
};
const entry = Object.entries(entries).find(([flag]) => process.argv.includes(flag))?.[1] ?? "run.ts";
await build({
  entryPoints: [path.join(root, "bench", entry)],
  bundle: true,
  platform: "node",
  target: "node22",
  format: "esm",
  outfile: out,
  packages: "external",
  logLevel: "warning",
  alias: { "@": root },
});
const r = spawnSync(process.execPath, [out], { cwd: root, stdio: "inherit" });
process.exit(r.status ?? 1);
