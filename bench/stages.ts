/**
 * `npm run bench:stages`: where a warm Invoke of a noop goes, stage by stage, at c=1 and c=8
 * (docs/benchmarks.md, "Where a warm invoke goes"). Three server runs, through the Invoke API
 * with SigV4:
 *  1. NIMBUS_STAGE_TIMES=1 (lib/stage-times.ts): wall µs per stage, the server's and the
 *     sandbox's, and CPU per invocation of the server process and of the sandboxes (/proc);
 *  2. and 3. `node --cpu-prof`: the server's CPU per stage at c=1, then at c=8 (bench/profile.ts).
 * First, the floors: the in-process baseline, and the relay (bench/relay.ts), the baseline plus
 * the one process hop Nimbus's design makes.
 * Prints the tables and writes bench/stages.json.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { LambdaClient } from "@aws-sdk/client-lambda";
import { sources } from "@/bench/handlers";
import { latencies, percentile, throughput, type Target } from "@/bench/client";
import { cmdline, descendants, treeCpuMs } from "@/bench/proc";
import { BENCH_CREDENTIALS, signedHeaders } from "@/bench/sign";
import {
  createBenchFunction,
  root,
  startBundled,
  startNimbus,
  stopNimbus,
  waitLine,
  type NimbusServer,
} from "@/bench/nimbus";
import { sandboxNode } from "@/lib/executor/sandbox-node";
import { stageCpu } from "@/bench/profile";

const N = Number(process.env.BENCH_LATENCY_REQUESTS ?? 3000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const log = (m: string) => process.stderr.write(`${m}\n`);
const nowUs = () => Number(process.hrtime.bigint() / 1000n);

async function deployNoop(s: NimbusServer): Promise<{ path: string; headers: Record<string, string> }> {
  const lambda = new LambdaClient({
    endpoint: `http://${s.target.host}:${s.target.port}`,
    region: "us-east-1",
    credentials: BENCH_CREDENTIALS,
  });
  const name = `stages-${Date.now().toString(36)}`;
  await createBenchFunction(lambda, name, sources.noop);
  lambda.destroy();
  const p = `/2015-03-31/functions/${name}/invocations`;
  return { path: p, headers: await signedHeaders(s.target, p, "{}") };
}

/** Runs the load: c=1 is N sequential calls, c=8 is SECONDS of load. Returns the calls made and c=1's p50 (ms). */
async function load(
  t: Target,
  fn: { path: string; headers: Record<string, string> },
  c: 1 | 8,
): Promise<{ n: number; p50Ms?: number }> {
  if (c === 1) {
    const l = await latencies(t, fn.path, "{}", N, 0, fn.headers);
    return { n: l.length, p50Ms: Math.round(percentile(l, 50) * 1000) / 1000 };
  }
  const r = await throughput(t, fn.path, "{}", 8, SECONDS, fn.headers);
  if (r.errors) throw new Error(`${r.errors} failed requests at c=8`);
  return { n: r.requests };
}

/** CPU ms so far of the server process alone and of its sandboxes (PostgreSQL left out). */
function cpuMs(pid: number): { server: number; sandboxes: number } {
  const all = descendants(pid);
  const pg = new Set(all.filter((d) => cmdline(d).includes("postgres")));
  const server = treeCpuMs(pid, new Set(all));
  return { server, sandboxes: treeCpuMs(pid, pg) - server };
}

async function stageTimes(s: NimbusServer): Promise<Record<string, unknown>> {
  const line = waitLine(s.child!, /\{"stageTimes":.*\}\n/, 10_000);
  s.child!.kill("SIGUSR2");
  return JSON.parse((await line)[0]).stageTimes;
}

async function wallRun() {
  log("[stages] wall time per stage (NIMBUS_STAGE_TIMES=1)…");
  const s = await startNimbus([], { NIMBUS_STAGE_TIMES: "1" });
  const fn = await deployNoop(s);
  await latencies(s.target, fn.path, "{}", 500, 0, fn.headers);
  await stageTimes(s); // the warm-up's, thrown away
  const out: Record<string, unknown> = {};
  for (const c of [1, 8] as const) {
    const before = cpuMs(s.pid!);
    const { n, p50Ms } = await load(s.target, fn, c);
    const after = cpuMs(s.pid!);
    out[`c${c}`] = {
      ...(p50Ms === undefined ? {} : { clientP50Ms: p50Ms }),
      ...(await stageTimes(s)),
      cpuUsPerInvocation: {
        server: Math.round(((after.server - before.server) / n) * 1000),
        sandboxes: Math.round(((after.sandboxes - before.sandboxes) / n) * 1000),
      },
    };
  }
  await stopNimbus(s);
  return out;
}

async function cpuRun(c: 1 | 8) {
  log(`[stages] server CPU per stage at c=${c} (--cpu-prof)…`);
  const dir = mkdtempSync(path.join(os.tmpdir(), "nimbus-prof-"));
  // Sampling every 100 µs (V8: 1 ms): a few thousand calls give enough samples per stage.
  const s = await startNimbus(["--cpu-prof", "--cpu-prof-interval=100", `--cpu-prof-dir=${dir}`]);
  const fn = await deployNoop(s);
  await latencies(s.target, fn.path, "{}", 500, 0, fn.headers);
  const from = nowUs();
  const { n } = await load(s.target, fn, c);
  const to = nowUs();
  await stopNimbus(s, "SIGINT");
  const r = stageCpu(dir, path.join(root, ".nimbus", "server.mjs"), n, from, to);
  rmSync(dir, { recursive: true, force: true });
  return { invocations: n, ...r };
}

/**
 * The in-process baseline and the relay (bench/relay.ts: the baseline plus one process hop to a
 * worker thread, nothing else): p50 at c=1 and CPU per call at c=8, all processes counted.
 */
async function floorRun() {
  const out: Record<string, unknown> = {};
  const noop = { path: "/2015-03-31/functions/noop/invocations", headers: {} };
  for (const entry of ["baseline.ts", "relay.ts"]) {
    log(`[stages] floor: ${entry}…`);
    const s = await startBundled(entry, { RELAY_CHILD_NODE: sandboxNode(root).nodePath });
    await latencies(s.target, noop.path, "{}", 500, 0);
    const { p50Ms } = await load(s.target, noop, 1);
    const before = cpuMs(s.pid);
    const { n } = await load(s.target, noop, 8);
    const after = cpuMs(s.pid);
    const per = (ms: number) => Math.round((ms / n) * 1000);
    out[entry.replace(".ts", "")] = {
      clientP50Ms: p50Ms,
      c8: {
        invocations: n,
        cpuUsPerInvocation: per(after.server + after.sandboxes - before.server - before.sandboxes),
        // The relay's "sandbox" is its child process.
        serverUs: per(after.server - before.server),
        childUs: per(after.sandboxes - before.sandboxes),
      },
    };
    for (const d of descendants(s.pid)) process.kill(d, "SIGKILL");
    s.child.kill("SIGKILL");
  }
  return out;
}

async function main() {
  const floor = await floorRun();
  const wall = await wallRun();
  const cpu = { c1: await cpuRun(1), c8: await cpuRun(8) };
  const results = { machine: { cpus: os.cpus().length, node: process.version }, floor, wall, cpu };
  writeFileSync(path.join(root, "bench", "stages.json"), `${JSON.stringify(results, null, 2)}\n`);
  console.log(JSON.stringify(results, null, 2));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
