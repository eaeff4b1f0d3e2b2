/**
 * `npm run bench:io`: an I/O-bound function (each call waits 50 ms, as on a database or an API)
 * under 64 and 150 concurrent callers, with one call per instance (Lambda's rule) and with 64
 * calls per instance (instance concurrency). Reports throughput, latency, the instances that
 * served the load (after a warm-up of two bursts), the sandboxes' peak RSS and the server's
 * CPU (its sandboxes' included) per call. Prints a table and
 * writes bench/io-bound.json (docs/benchmarks.md, "I/O-bound calls and instance concurrency").
 */
import http from "node:http";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { DeleteFunctionCommand, LambdaClient } from "@aws-sdk/client-lambda";
import { percentile, post, type Target } from "@/bench/client";
import { createBenchFunction, root, startNimbus, stopNimbus } from "@/bench/nimbus";
import { cpuSplit, peakRss } from "@/bench/proc";
import { BENCH_CREDENTIALS, signedHeaders } from "@/bench/sign";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const WAIT = `const id = Math.random().toString(36).slice(2);
export const handler = async () => { await new Promise((r) => setTimeout(r, 50)); return id; };`;
const log = (m: string) => process.stderr.write(`${m}\n`);
const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;

interface Row {
  perInstance: number;
  concurrency: number;
  rps: number;
  errors: number;
  p50Ms: number;
  p99Ms: number;
  instances: number;
  peakSandboxesMb: number;
  serverCpuMsPerCall: number;
}

/** `concurrency` callers for SECONDS; the bodies name the instance (module) that answered. */
async function load(t: Target, p: string, headers: Record<string, string>, concurrency: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies: number[] = [];
  const instances = new Set<string>();
  let errors = 0;
  const started = Date.now();
  const until = started + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < until) {
        const t0 = process.hrtime.bigint();
        const r = await post(agent, t, p, "{}", headers).catch(() => ({ status: 0, body: "" }));
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
        if (r.status === 200) instances.add(r.body);
        else errors++;
      }
    }),
  );
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const elapsed = (Date.now() - started) / 1000;
  return { n: latencies.length, rps: latencies.length / elapsed, errors, latencies, instances: instances.size };
}

async function main() {
  const nimbus = await startNimbus();
  const lambda = new LambdaClient({
    endpoint: `http://${nimbus.target.host}:${nimbus.target.port}`,
    region: "us-east-1",
    credentials: BENCH_CREDENTIALS,
  });
  const rows: Row[] = [];
  try {
    for (const perInstance of [1, 64]) {
      for (const concurrency of [64, 150]) {
        // A fresh function per row: every row starts with no warm instance.
        const name = `io-${perInstance}-${concurrency}-${Date.now().toString(36)}`;
        await createBenchFunction(lambda, name, WAIT, perInstance);
        const p = `/2015-03-31/functions/${name}/invocations`;
        const headers = await signedHeaders(nimbus.target, p, "{}");
        log(`[bench] 50 ms I/O, ${perInstance} per instance, c=${concurrency} for ${SECONDS}s…`);
        // Warm: the instances the load needs are started before it is measured.
        const warm = new http.Agent({ keepAlive: true, maxSockets: concurrency });
        for (let round = 0; round < 2; round++)
          await Promise.all(Array.from({ length: concurrency }, () => post(warm, nimbus.target, p, "{}", headers)));
        warm.destroy();
        const c0 = cpuSplit(nimbus.pid);
        const rss = peakRss(nimbus.pid);
        const r = await load(nimbus.target, p, headers, concurrency);
        const peak = rss.stop();
        const c1 = cpuSplit(nimbus.pid);
        rows.push({
          perInstance,
          concurrency,
          rps: Math.round(r.rps),
          errors: r.errors,
          p50Ms: round(percentile(r.latencies, 50)),
          p99Ms: round(percentile(r.latencies, 99)),
          instances: r.instances,
          peakSandboxesMb: round(peak.sandboxes),
          serverCpuMsPerCall: round((c1.server - c0.server) / r.n, 3),
        });
        // Its sandboxes go before the next row measures memory.
        await lambda.send(new DeleteFunctionCommand({ FunctionName: name }));
        await new Promise((res) => setTimeout(res, 1500));
      }
    }
  } finally {
    lambda.destroy();
    await stopNimbus(nimbus);
  }
  writeFileSync(path.join(root, "bench", "io-bound.json"), `${JSON.stringify(rows, null, 2)}\n`);
  console.log("| calls per instance | c | req/s | p50 ms | p99 ms | instances | peak sandbox RSS MB | CPU ms/call |");
  console.log("|---|---|---|---|---|---|---|---|");
  for (const r of rows)
    console.log(
      `| ${r.perInstance} | ${r.concurrency} | ${r.rps}${r.errors ? ` (${r.errors} errors)` : ""} | ${r.p50Ms} | ` +
        `${r.p99Ms} | ${r.instances} | ${r.peakSandboxesMb} | ${r.serverCpuMsPerCall} |`,
    );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
