/**
 * `npm run bench:stages`: where a warm Invoke of a noop goes, stage by stage, at c=1 and c=8
 * (docs/benchmarks.md, "Where a warm invoke goes"). Three server runs, through the Invoke API
 * with SigV4:
 *  1. NIMBUS_STAGE_TIMES=1 (lib/stage-times.ts): wall µs per stage, the server's and the
 *     sandbox's, and CPU per invocation of the server process and of the sandboxes (/proc);
 *  2. and 3. `node --cpu-prof`: the server's CPU per stage at c=1, then at c=8 (bench/profile.ts).
 * Prints the tables and writes bench/stages.json.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { CreateFunctionCommand, LambdaClient } from "@aws-sdk/client-lambda";
import { zipFiles } from "@/lib/code/package";
import { sources } from "@/bench/handlers";
import { latencies, throughput, type Target } from "@/bench/client";
import { cmdline, descendants, treeCpuMs } from "@/bench/proc";
import { BENCH_CREDENTIALS, signedHeaders } from "@/bench/sign";
import { root, startNimbus, stopNimbus, waitLine, type NimbusServer } from "@/bench/nimbus";
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
  await lambda.send(
    new CreateFunctionCommand({
      FunctionName: name,
      Role: "bench",
      Runtime: "nodejs20.x",
      Handler: "index.handler",
      Code: { ZipFile: zipFiles({ "index.mjs": sources.noop }) },
    }),
  );
  lambda.destroy();
  const p = `/2015-03-31/functions/${name}/invocations`;
  return { path: p, headers: await signedHeaders(s.target, p, "{}") };
}

/** Runs the load: c=1 is N sequential calls, c=8 is SECONDS of load. Returns the invocations made. */
async function load(t: Target, fn: { path: string; headers: Record<string, string> }, c: 1 | 8): Promise<number> {
  if (c === 1) return (await latencies(t, fn.path, "{}", N, 0, fn.headers)).length;
  const r = await throughput(t, fn.path, "{}", 8, SECONDS, fn.headers);
  if (r.errors) throw new Error(`${r.errors} failed requests at c=8`);
  return r.requests;
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
    const n = await load(s.target, fn, c);
    const after = cpuMs(s.pid!);
    out[`c${c}`] = {
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
  const s = await startNimbus(["--cpu-prof", `--cpu-prof-dir=${dir}`]);
  const fn = await deployNoop(s);
  await latencies(s.target, fn.path, "{}", 500, 0, fn.headers);
  const from = nowUs();
  const n = await load(s.target, fn, c);
  const to = nowUs();
  await stopNimbus(s, "SIGINT");
  const r = stageCpu(dir, path.join(root, ".nimbus", "server.mjs"), n, from, to);
  rmSync(dir, { recursive: true, force: true });
  return { invocations: n, ...r };
}

async function main() {
  const wall = await wallRun();
  const cpu = { c1: await cpuRun(1), c8: await cpuRun(8) };
  const results = { machine: { cpus: os.cpus().length, node: process.version }, wall, cpu };
  writeFileSync(path.join(root, "bench", "stages.json"), `${JSON.stringify(results, null, 2)}\n`);
  console.log(JSON.stringify(results, null, 2));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
