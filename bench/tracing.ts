/**
 * `npm run bench:tracing`: what tracing costs a warm invoke. Two servers run side by side, one
 * with NIMBUS_TRACING=off and one with it on (sampling every call), and the load alternates
 * between them in short slices — off, on, on, off, … — so the drift of a shared VM (it moved
 * figures ±20 % between runs minutes apart) falls on both alike. Figures: noop throughput at c=1
 * and c=8, latency p50 at c=1, a function making three spans of its own through
 * @opentelemetry/api (c=8), and the CPU each noop call costs at c=8 — the server process, its
 * sandboxes and its PostgreSQL. BENCH_PAIRS (default 3) pairs of servers, each started afresh,
 * with BENCH_SLICES (default 8) slices of BENCH_SLICE_SECONDS (default 1) per figure and setting.
 * Writes bench/tracing-results.json (docs/benchmarks.md, "Tracing").
 */
import { writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { CreateFunctionCommand, LambdaClient } from "@aws-sdk/client-lambda";
import { latencies, percentile, throughput } from "@/bench/client";
import { cmdline, descendants, treeCpuMs } from "@/bench/proc";
import { createBenchFunction, type NimbusServer, root, startNimbus, stopNimbus } from "@/bench/nimbus";
import { BENCH_CREDENTIALS, signedHeaders } from "@/bench/sign";
import { zipFiles } from "@/lib/code/package";
import { otelApiFiles } from "@/test/otel-api";

const PAIRS = Math.max(1, Number(process.env.BENCH_PAIRS ?? 3));
const SLICES = Math.max(2, Math.round(Number(process.env.BENCH_SLICES ?? 8) / 2) * 2);
const SLICE_SECONDS = Number(process.env.BENCH_SLICE_SECONDS ?? 1);
const LAT_PER_SLICE = 200;
const invokePath = (fn: string) => `/2015-03-31/functions/${fn}/invocations`;
type Setting = "off" | "on";

const SPANS = `import { trace } from "@opentelemetry/api";
const tracer = trace.getTracer("bench");
export const handler = async () => tracer.startActiveSpan("outer", (s) => {
  tracer.startSpan("a").end(); tracer.startSpan("b").end(); s.end(); return null; });`;

interface Side {
  server: NimbusServer;
  noop: Record<string, string>;
  spans: Record<string, string>;
}

async function side(tracing: Setting): Promise<Side> {
  const server = await startNimbus([], { NIMBUS_TRACING: tracing, NIMBUS_TRACE_SAMPLE_RATIO: "1" }, ["--no-console"]);
  const { host, port } = server.target;
  const lambda = new LambdaClient({
    endpoint: `http://${host}:${port}`,
    region: "us-east-1",
    credentials: BENCH_CREDENTIALS,
  });
  await createBenchFunction(lambda, "noop", "export const handler = async () => null;");
  await lambda.send(
    new CreateFunctionCommand({
      FunctionName: "spans",
      Role: "bench",
      Runtime: "nodejs20.x",
      Handler: "index.handler",
      Code: { ZipFile: zipFiles({ "index.mjs": SPANS, ...otelApiFiles() }) },
      Timeout: 30,
    }),
  );
  lambda.destroy();
  const noop = await signedHeaders(server.target, invokePath("noop"), "{}");
  const spans = await signedHeaders(server.target, invokePath("spans"), "{}");
  await throughput(server.target, invokePath("noop"), "{}", 8, 2, noop); // warm
  await throughput(server.target, invokePath("spans"), "{}", 8, 2, spans);
  return { server, noop, spans };
}

/** CPU ms so far of the server process, of its sandboxes and of its embedded PostgreSQL. */
function cpuMs(pid: number): { server: number; sandboxes: number; postgres: number } {
  const all = descendants(pid);
  const pg = all.filter((d) => cmdline(d).includes("postgres"));
  const server = treeCpuMs(pid, new Set(all));
  const withSandboxes = treeCpuMs(pid, new Set(pg));
  return { server, sandboxes: withSandboxes - server, postgres: treeCpuMs(pid) - withSandboxes };
}

/** off, on, on, off, … : each setting goes first in half the slices. */
const order = (i: number): Setting[] => (i % 2 ? ["on", "off"] : ["off", "on"]);

interface Load {
  n: number;
  ms: number;
  cpu: { server: number; sandboxes: number; postgres: number };
}
const loads = new Map<string, Load>();
const lat: Record<Setting, number[]> = { off: [], on: [] };

/** Adds SLICES slices of load on each side to `loads` (requests, time, CPU). */
async function load(sides: Record<Setting, Side>, fn: "noop" | "spans", c: number) {
  for (let i = 0; i < SLICES; i++)
    for (const s of order(i)) {
      const { server, [fn]: headers } = sides[s];
      const acc = loads.get(`${fn}${c}${s}`) ?? { n: 0, ms: 0, cpu: { server: 0, sandboxes: 0, postgres: 0 } };
      loads.set(`${fn}${c}${s}`, acc);
      const before = cpuMs(server.pid!);
      const start = Date.now();
      const r = await throughput(server.target, invokePath(fn), "{}", c, SLICE_SECONDS, headers);
      if (r.errors) throw new Error(`${r.errors} failed requests (${fn}, tracing ${s})`);
      acc.ms += Date.now() - start;
      acc.n += r.requests;
      const after = cpuMs(server.pid!);
      for (const k of ["server", "sandboxes", "postgres"] as const) acc.cpu[k] += after[k] - before[k];
    }
}

async function latency(sides: Record<Setting, Side>) {
  for (let i = 0; i < SLICES; i++)
    for (const s of order(i)) {
      const { server, noop } = sides[s];
      lat[s].push(...(await latencies(server.target, invokePath("noop"), "{}", LAT_PER_SLICE, 20, noop)));
    }
}

// Each pair of servers is started afresh (the other one first, the next time): two processes of
// the same build differ by several percent on their own (an off–off run showed it).
for (let pair = 0; pair < PAIRS; pair++) {
  const first: Setting = pair % 2 ? "on" : "off";
  const a = await side(first);
  const b = await side(first === "on" ? "off" : "on").catch(async (err) => {
    await stopNimbus(a.server);
    throw err;
  });
  const sides = first === "off" ? { off: a, on: b } : { off: b, on: a };
  try {
    await load(sides, "noop", 1);
    await load(sides, "noop", 8);
    await latency(sides);
    await load(sides, "spans", 8);
  } finally {
    await Promise.all([stopNimbus(a.server), stopNimbus(b.server)]);
  }
  process.stderr.write(`[tracing] pair ${pair + 1} of ${PAIRS} done\n`);
}

{
  const rps = (key: string) => Math.round((loads.get(key)!.n / loads.get(key)!.ms) * 1000);
  const cpuUs = (s: Setting, k?: keyof Load["cpu"]) => {
    const { n, cpu } = loads.get(`noop8${s}`)!;
    const ms = k ? cpu[k] : cpu.server + cpu.sandboxes + cpu.postgres;
    return Math.round((ms / n) * 1000);
  };
  const median = (xs: number[]) =>
    percentile(
      [...xs].sort((x, y) => x - y),
      50,
    );
  const change = (off: number, on: number) => `${on / off - 1 >= 0 ? "+" : ""}${((on / off - 1) * 100).toFixed(1)} %`;
  const summary = {
    "noop throughput c=1 (req/s)": { off: rps("noop1off"), on: rps("noop1on") },
    "noop throughput c=8 (req/s)": { off: rps("noop8off"), on: rps("noop8on") },
    "noop latency p50 c=1 (ms)": { off: median(lat.off), on: median(lat.on) },
    "noop CPU per call c=8, all (µs)": { off: cpuUs("off"), on: cpuUs("on") },
    "  server process": { off: cpuUs("off", "server"), on: cpuUs("on", "server") },
    "  sandboxes": { off: cpuUs("off", "sandboxes"), on: cpuUs("on", "sandboxes") },
    "  PostgreSQL": { off: cpuUs("off", "postgres"), on: cpuUs("on", "postgres") },
    "3 user spans, throughput c=8 (req/s)": { off: rps("spans8off"), on: rps("spans8on") },
  };
  console.table(
    Object.fromEntries(Object.entries(summary).map(([k, v]) => [k, { ...v, change: change(v.off, v.on) }])),
  );
  const cpu = os.cpus()[0]?.model ?? "unknown";
  writeFileSync(
    path.join(root, "bench", "tracing-results.json"),
    `${JSON.stringify(
      {
        date: new Date().toISOString(),
        machine: { cpu, cores: os.cpus().length, node: process.version },
        pairs: PAIRS,
        slices: SLICES,
        sliceSeconds: SLICE_SECONDS,
        summary,
      },
      null,
      2,
    )}\n`,
  );
}
