/**
 * `npm run bench`: Nimbus against an in-process node:http baseline, side by side, in one run.
 * Starts both servers itself (or targets BENCH_URL, with BENCH_PID for CPU/RSS figures).
 * Prints a table and writes bench/results.json.
 */
import type { ChildProcess } from "node:child_process";
import { writeFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import {
  AddPermissionCommand,
  CreateAliasCommand,
  CreateFunctionUrlConfigCommand,
  DeleteFunctionCommand,
  InvokeCommand,
  LambdaClient,
  PublishVersionCommand,
  UpdateFunctionCodeCommand,
} from "@aws-sdk/client-lambda";
import { zipFiles } from "@/lib/code/package";
import { sources, type BenchFunction } from "@/bench/handlers";
import { latencies, percentile, post, throughput, type Target } from "@/bench/client";
import { cpuSplit, peakRss, rssSplit, treeCpuMs } from "@/bench/proc";
import { BENCH_CREDENTIALS, signedHeaders } from "@/bench/sign";
import { createBenchFunction, root, startBundled, startNimbus, stopNimbus } from "@/bench/nimbus";
import { spreadLoad } from "@/bench/spread";

const LAT_N = Number(process.env.BENCH_LATENCY_REQUESTS ?? 3000);
const WARMUP = 500;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const COLD_N = Number(process.env.BENCH_COLD_STARTS ?? 25);
const log = (m: string) => process.stderr.write(m + "\n");

interface Server {
  target: Target;
  pid: number | null;
  child: ChildProcess | null;
}

const startBaseline = (): Promise<Server> => startBundled("baseline.ts");

const invokePath = (fn: string) => `/2015-03-31/functions/${fn}/invocations`;

/** p50, p90 and p99 of sorted latencies, ms. */
const percentiles = (sorted: number[]) => ({
  p50: round(percentile(sorted, 50)),
  p90: round(percentile(sorted, 90)),
  p99: round(percentile(sorted, 99)),
});

const round = (n: number, d = 3) => (Number.isFinite(n) ? Math.round(n * 10 ** d) / 10 ** d : null);

async function main() {
  log("[bench] starting servers…");
  const nimbus = await startNimbus();
  const baseline = await startBaseline();
  const lambda = new LambdaClient({
    endpoint: `http://${nimbus.target.host}:${nimbus.target.port}`,
    region: "us-east-1",
    credentials: BENCH_CREDENTIALS,
    maxAttempts: 3,
  });
  const prefix = `bench-${Date.now().toString(36)}`;
  const names: Record<BenchFunction, string> = {
    noop: `${prefix}-noop`,
    echo: `${prefix}-echo`,
    cpu: `${prefix}-cpu`,
    hold: `${prefix}-hold`,
  };
  for (const [k, name] of Object.entries(names) as [BenchFunction, string][]) {
    await createBenchFunction(lambda, name, sources[k]);
  }
  // The noop behind a public function URL (AuthType NONE), reached by its path form.
  const url = await lambda.send(new CreateFunctionUrlConfigCommand({ FunctionName: names.noop, AuthType: "NONE" }));
  await lambda.send(
    new AddPermissionCommand({
      FunctionName: names.noop,
      StatementId: "FunctionURLAllowPublicAccess",
      Action: "lambda:InvokeFunctionUrl",
      Principal: "*",
      FunctionUrlAuthType: "NONE",
    }),
  );
  const urlPath = `/lambda-url/${new URL(url.FunctionUrl!).hostname.split(".")[0]}/`;
  const echoBody = JSON.stringify({ message: "hello", items: [1, 2, 3], nested: { a: "b" } });
  const results: Record<string, unknown> = {
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      memGb: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
    },
    settings: { latencyRequests: LAT_N, warmup: WARMUP, seconds: SECONDS, coldStarts: COLD_N },
  };

  // 1. Warm latency at concurrency 1.
  const latency: Record<string, unknown> = {};
  for (const fn of ["noop", "echo", "cpu"] as const) {
    const body = fn === "echo" ? echoBody : "{}";
    log(`[bench] latency c=1 ${fn}…`);
    const n = await latencies(
      nimbus.target,
      invokePath(names[fn]),
      body,
      LAT_N,
      WARMUP,
      await signedHeaders(nimbus.target, invokePath(names[fn]), body),
    );
    const b = await latencies(baseline.target, invokePath(fn), body, LAT_N, WARMUP);
    latency[fn] = {
      nimbus: percentiles(n),
      baseline: percentiles(b),
    };
  }
  log("[bench] latency c=1 noop through its function URL…");
  const viaUrl = await latencies(nimbus.target, urlPath, "{}", LAT_N, WARMUP);
  latency["url-noop"] = {
    nimbus: percentiles(viaUrl),
    baseline: (latency.noop as { baseline: unknown }).baseline,
  };
  // The same noop through an alias that points at a published version: what resolving it costs.
  log("[bench] latency c=1 noop through an alias…");
  await lambda.send(new PublishVersionCommand({ FunctionName: names.noop }));
  await lambda.send(new CreateAliasCommand({ FunctionName: names.noop, Name: "live", FunctionVersion: "1" }));
  const aliasPath = invokePath(`${names.noop}:live`);
  const viaAlias = await latencies(
    nimbus.target,
    aliasPath,
    "{}",
    LAT_N,
    WARMUP,
    await signedHeaders(nimbus.target, aliasPath, "{}"),
  );
  latency["alias-noop"] = {
    nimbus: percentiles(viaAlias),
    baseline: (latency.noop as { baseline: unknown }).baseline,
  };
  results.latencyMs = latency;

  // 2. Throughput at c = 1, 8, 64 with server CPU per request.
  const tput: Record<string, unknown> = {};
  for (const fn of ["noop", "cpu"] as const) {
    for (const c of [1, 8, 64]) {
      log(`[bench] throughput ${fn} c=${c} for ${SECONDS}s…`);
      const c0 = cpuSplit(nimbus.pid);
      const rss = peakRss(nimbus.pid);
      const n = await throughput(
        nimbus.target,
        invokePath(names[fn]),
        "{}",
        c,
        SECONDS,
        await signedHeaders(nimbus.target, invokePath(names[fn]), "{}"),
      );
      const peak = rss.stop();
      const c1 = cpuSplit(nimbus.pid);
      const b0 = baseline.pid ? treeCpuMs(baseline.pid) : NaN;
      const b = await throughput(baseline.target, invokePath(fn), "{}", c, SECONDS);
      const b1 = baseline.pid ? treeCpuMs(baseline.pid) : NaN;
      tput[`${fn}@c${c}`] = {
        tool: n.tool,
        nimbus: {
          rps: round(n.rps, 0),
          errors: n.errors,
          cpuMsPerRequest: round((c1.server - c0.server) / n.requests, 4),
          postgresCpuMsPerRequest: round((c1.postgres - c0.postgres) / n.requests, 4),
          peakRssMb: { server: round(peak.server, 1), sandboxes: round(peak.sandboxes, 1) },
        },
        baseline: { rps: round(b.rps, 0), errors: b.errors, cpuMsPerRequest: round((b1 - b0) / b.requests, 4) },
      };
    }
  }
  for (const c of [1, 8, 64]) {
    log(`[bench] throughput noop through its function URL c=${c} for ${SECONDS}s…`);
    const c0 = cpuSplit(nimbus.pid);
    const n = await throughput(nimbus.target, urlPath, "{}", c, SECONDS);
    const c1 = cpuSplit(nimbus.pid);
    const base = tput[`noop@c${c}`] as { baseline: unknown };
    tput[`url-noop@c${c}`] = {
      tool: n.tool,
      nimbus: {
        rps: round(n.rps, 0),
        errors: n.errors,
        cpuMsPerRequest: round((c1.server - c0.server) / n.requests, 4),
        postgresCpuMsPerRequest: round((c1.postgres - c0.postgres) / n.requests, 4),
      },
      baseline: base.baseline,
    };
  }
  results.throughput = tput;

  // 3. CPU-bound calls spread over sixteen functions (bench/spread.ts).
  log(`[bench] 5 ms CPU over 16 functions at c=64 for ${SECONDS}s…`);
  const s0 = cpuSplit(nimbus.pid);
  const spread = await spreadLoad(lambda, nimbus.target, prefix, 64, SECONDS);
  const s1 = cpuSplit(nimbus.pid);
  results.spread = { ...spread, cpuMsPerRequest: round((s1.server - s0.server) / spread.requests, 4) };

  // 3. Cold start: the first invocation after a code update.
  log(`[bench] cold starts x${COLD_N}…`);
  const coldClient: number[] = [];
  const coldInit: number[] = [];
  for (let i = 0; i < COLD_N; i++) {
    await lambda.send(
      new UpdateFunctionCodeCommand({
        FunctionName: names.noop,
        ZipFile: zipFiles({ "index.mjs": `// v${i}\n${sources.noop}` }),
      }),
    );
    await new Promise((r) => setTimeout(r, 150)); // let the pre-spawned sandbox be replaced, as between real deploys
    const s = process.hrtime.bigint();
    const r = await lambda.send(new InvokeCommand({ FunctionName: names.noop, LogType: "Tail" }));
    coldClient.push(Number(process.hrtime.bigint() - s) / 1e6);
    const init = /Init Duration: ([\d.]+) ms/.exec(Buffer.from(r.LogResult ?? "", "base64").toString());
    if (init) coldInit.push(Number(init[1]));
  }
  coldClient.sort((a, b) => a - b);
  coldInit.sort((a, b) => a - b);
  results.coldStartMs = {
    invokeRoundTrip: { p50: round(percentile(coldClient, 50)), p99: round(percentile(coldClient, 99)) },
    reportedInitDuration: {
      p50: round(percentile(coldInit, 50)),
      p99: round(percentile(coldInit, 99)),
      samples: coldInit.length,
    },
  };

  // 4. Memory with 0, 10 and 100 warm instances.
  log("[bench] memory…");
  await new Promise((r) => setTimeout(r, 500));
  const memory: Record<string, unknown> = {};
  const agent = new http.Agent({ keepAlive: true, maxSockets: 200 });
  // Start from no warm instances: delete the functions used so far (their sandboxes go).
  for (const fn of ["noop", "echo", "cpu"] as const)
    await lambda.send(new DeleteFunctionCommand({ FunctionName: names[fn] }));
  await new Promise((r) => setTimeout(r, 1000));
  const zero = rssSplit(nimbus.pid);
  memory["0"] = { serverMb: round(zero.server, 1), sandboxesMb: round(zero.sandboxes, 1) };
  let previous = { n: 0, sandboxes: zero.sandboxes };
  for (const n of [10, 100]) {
    const holdBody = JSON.stringify({ ms: n === 100 ? 3000 : 500 });
    const holdHeaders = await signedHeaders(nimbus.target, invokePath(names.hold), holdBody);
    const replies = await Promise.all(
      Array.from({ length: n }, () => post(agent, nimbus.target, invokePath(names.hold), holdBody, holdHeaders)),
    );
    const bad = replies.filter((r) => r.status !== 200).length;
    await new Promise((r) => setTimeout(r, 500));
    const m = rssSplit(nimbus.pid);
    memory[String(n)] = {
      serverMb: round(m.server, 1),
      sandboxesMb: round(m.sandboxes, 1),
      // Everything the instances brought (their sandbox processes and the re-filled pre-spawned one included) ÷ n.
      perInstanceMb: round((m.sandboxes - zero.sandboxes) / n, 2),
      // What one more warm instance costs, from the step before.
      marginalPerInstanceMb: round((m.sandboxes - previous.sandboxes) / (n - previous.n), 2),
      failed: bad,
    };
    previous = { n, sandboxes: m.sandboxes };
  }
  agent.destroy();
  results.memory = memory;

  writeFileSync(path.join(root, "bench", "results.json"), JSON.stringify(results, null, 2) + "\n");
  printTable(results);
  baseline.child?.kill();
  await stopNimbus(nimbus);
}

// biome-ignore lint/suspicious/noExplicitAny: the results object is built above, field by field, and printed as it is
function printTable(r: Record<string, any>) {
  type Row = [figure: string, nimbus: string, baseline: string, ratio: string];
  type Percentiles = Record<"p50" | "p90" | "p99", number>;
  type Throughput = {
    nimbus: {
      rps: number;
      cpuMsPerRequest: number;
      postgresCpuMsPerRequest: number;
      peakRssMb?: { server: number; sandboxes: number };
    };
    baseline: { rps: number; cpuMsPerRequest: number };
  };
  const header: Row = ["figure", "nimbus", "baseline", "ratio"];
  const rows: Row[] = [header];
  const ratio = (a: number, b: number) =>
    Number.isFinite(a) && Number.isFinite(b) && b ? `${(a / b).toFixed(2)}×` : "—";
  for (const [fn, v] of Object.entries<{ nimbus: Percentiles; baseline: Percentiles }>(r.latencyMs)) {
    for (const p of ["p50", "p90", "p99"] as const)
      rows.push([
        `warm latency ${fn} ${p} (ms)`,
        String(v.nimbus[p]),
        String(v.baseline[p]),
        ratio(v.nimbus[p], v.baseline[p]),
      ]);
  }
  for (const [k, v] of Object.entries<Throughput>(r.throughput)) {
    rows.push([
      `throughput ${k} (req/s)`,
      String(v.nimbus.rps),
      String(v.baseline.rps),
      ratio(v.nimbus.rps, v.baseline.rps),
    ]);
    rows.push([
      `server CPU ${k} (ms/req)`,
      String(v.nimbus.cpuMsPerRequest),
      String(v.baseline.cpuMsPerRequest),
      ratio(v.nimbus.cpuMsPerRequest, v.baseline.cpuMsPerRequest),
    ]);
    rows.push([`postgres CPU ${k} (ms/req)`, String(v.nimbus.postgresCpuMsPerRequest), "—", "—"]);
    const rss = v.nimbus.peakRssMb;
    if (rss) rows.push([`peak RSS ${k}: server / sandboxes (MB)`, `${rss.server} / ${rss.sandboxes}`, "—", "—"]);
  }
  if (r.spread)
    rows.push([
      "5 ms CPU over 16 functions, c=64: req/s, p50 / p99 (ms), CPU ms/req",
      `${r.spread.rps}, ${r.spread.p50Ms} / ${r.spread.p99Ms}, ${r.spread.cpuMsPerRequest}`,
      "—",
      "—",
    ]);
  rows.push([
    "cold start round trip p50 / p99 (ms)",
    `${r.coldStartMs.invokeRoundTrip.p50} / ${r.coldStartMs.invokeRoundTrip.p99}`,
    "—",
    "—",
  ]);
  rows.push([
    "cold start Init Duration p50 / p99 (ms)",
    `${r.coldStartMs.reportedInitDuration.p50} / ${r.coldStartMs.reportedInitDuration.p99}`,
    "—",
    "—",
  ]);
  for (const [n, v] of Object.entries<Record<string, Record<string, number>>>(r.memory)) {
    rows.push([
      `RSS with ${n} warm instances: server / sandboxes (MB)`,
      `${v.serverMb} / ${v.sandboxesMb}${v.perInstanceMb !== undefined ? ` (${v.perInstanceMb}/instance, marginal ${v.marginalPerInstanceMb})` : ""}`,
      "—",
      "—",
    ]);
  }
  // Every row has the header's four cells, so row[i] and w[i] exist for each column index i.
  const w = header.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  const line = (row: Row) => `| ${row.map((c, i) => c.padEnd(w[i]!)).join(" | ")} |`;
  console.log(line(header));
  console.log(`|${w.map((n) => "-".repeat(n + 2)).join("|")}|`);
  for (const row of rows.slice(1)) console.log(line(row));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
