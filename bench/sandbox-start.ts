/**
 * `npm run bench:sandbox`: what each isolation layer costs where it is paid — starting a sandbox
 * process — and whether it costs anything on a warm invoke. For each mode (full = bubblewrap +
 * uid + rlimits + permission model, with outbound network — a filtered namespace, nftables, pasta
 * and a resolver per sandbox — or egress none; no-bubblewrap), a supervisor with no pre-spawned
 * sandbox runs N cold starts of fresh functions (process spawn → worker boot → module load →
 * result), then N warm invokes of one of them. Executor only: no HTTP, no SigV4, no database.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { Supervisor } from "@/lib/executor/supervisor";
import type { EgressSetting, FunctionSpec } from "@/lib/executor/types";

const N = Number(process.env.BENCH_SANDBOX_STARTS ?? 20);
const WARM = Number(process.env.BENCH_SANDBOX_WARM ?? 2000);
const root = path.resolve(import.meta.dirname, "..");

function spec(egress: EgressSetting): FunctionSpec {
  const id = randomUUID();
  return {
    egress,
    functionId: id,
    functionName: `b-${id.slice(0, 8)}`,
    revision: 1,
    version: "$LATEST",
    runtime: "nodejs24.x",
    handler: "index.handler",
    memoryMb: 128,
    timeoutMs: 10_000,
    env: {},
    codeSha256: "x",
    arn: "arn",
    region: "us-east-1",
    loadCode: async () => [{ path: "index.mjs", data: Buffer.from("export const handler = async (e) => e;") }],
  };
}

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

async function measure(mode: "auto" | "no-bubblewrap", egress: EgressSetting) {
  const sup = new Supervisor({
    hostScript: path.join(root, ".nimbus", "sandbox", "host.mjs"),
    workDir: mkdtempSync(path.join(os.tmpdir(), "nimbus-bench-sbx-")),
    idleMs: 600_000,
    prewarm: 0,
    isolation: { mode },
  });
  const payload = Buffer.from('{"a":1}');
  const cold: number[] = [];
  let last: FunctionSpec = spec(egress);
  for (let i = 0; i < N; i++) {
    last = spec(egress);
    const t = performance.now();
    const r = await sup.invoke(last, { requestId: randomUUID(), payload });
    if (r.outcome !== "Success") throw new Error(`cold start failed: ${r.payload}`);
    cold.push(performance.now() - t);
  }
  const warm: number[] = [];
  for (let i = 0; i < WARM; i++) {
    const t = performance.now();
    await sup.invoke(last, { requestId: randomUUID(), payload });
    warm.push(performance.now() - t);
  }
  const { isolation, network } = sup.stats();
  await sup.shutdown(1000);
  return {
    mode,
    level: isolation.level,
    network: egress.mode === "none" ? "egress none" : network.mode,
    coldP50: pct(cold, 50),
    coldP90: pct(cold, 90),
    warmP50: pct(warm, 50),
    warmP99: pct(warm, 99),
  };
}

const rows = [];
rows.push(await measure("auto", { mode: "internet", allow: [] }));
rows.push(await measure("auto", { mode: "none", allow: [] }));
rows.push(await measure("no-bubblewrap", { mode: "internet", allow: [] }));
const f = (n: number) => n.toFixed(2);
console.log(
  `\nSandbox start and warm invoke, executor only (${os.cpus().length} cores, ${os.cpus()[0]?.model}), N=${N} cold, ${WARM} warm\n`,
);
console.log("| isolation | network | cold start p50 / p90 (ms) | warm invoke p50 / p99 (ms) |\n|---|---|---|---|");
for (const r of rows)
  console.log(
    `| ${r.mode === "auto" ? `full (${r.level})` : `no bubblewrap (${r.level})`} | ${r.network} | ${f(r.coldP50)} / ${f(r.coldP90)} | ${f(r.warmP50)} / ${f(r.warmP99)} |`,
  );
