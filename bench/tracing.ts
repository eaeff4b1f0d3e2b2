/**
 * `npm run bench:tracing`: what tracing costs a warm invoke. Two servers this script starts in
 * turn — NIMBUS_TRACING=off, then on — and again in the other order (A B B A), so drift of this
 * VM over the minutes cancels out: noop throughput at c=1 and c=8, latency p50 at c=1, and a
 * function that makes three spans of its own through @opentelemetry/api per call (sampled at
 * ratio 1). Writes bench/tracing-results.json (docs/benchmarks.md, "Tracing").
 */
import { writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { CreateFunctionCommand, LambdaClient } from "@aws-sdk/client-lambda";
import { latencies, percentile, throughput } from "@/bench/client";
import { createBenchFunction, root, startNimbus, stopNimbus } from "@/bench/nimbus";
import { BENCH_CREDENTIALS, signedHeaders } from "@/bench/sign";
import { zipFiles } from "@/lib/code/package";
import { otelApiFiles } from "@/test/otel-api";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const LAT_N = 2000;
const invokePath = (fn: string) => `/2015-03-31/functions/${fn}/invocations`;

const SPANS = `import { trace } from "@opentelemetry/api";
const tracer = trace.getTracer("bench");
export const handler = async () => tracer.startActiveSpan("outer", (s) => {
  tracer.startSpan("a").end(); tracer.startSpan("b").end(); s.end(); return null; });`;

interface Round {
  tracing: "on" | "off";
  noopC1: number;
  noopC8: number;
  noopP50: number;
  spansC8: number;
}

async function round(tracing: "on" | "off"): Promise<Round> {
  const server = await startNimbus([], { NIMBUS_TRACING: tracing, NIMBUS_TRACE_SAMPLE_RATIO: "1" }, ["--no-console"]);
  try {
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
    const noop = await signedHeaders(server.target, invokePath("noop"), "{}");
    const spans = await signedHeaders(server.target, invokePath("spans"), "{}");
    await throughput(server.target, invokePath("noop"), "{}", 8, 2, noop); // warm
    await throughput(server.target, invokePath("spans"), "{}", 8, 2, spans);
    const noopC1 = (await throughput(server.target, invokePath("noop"), "{}", 1, SECONDS, noop)).rps;
    const noopC8 = (await throughput(server.target, invokePath("noop"), "{}", 8, SECONDS, noop)).rps;
    const lat = await latencies(server.target, invokePath("noop"), "{}", LAT_N, 200, noop);
    const spansC8 = (await throughput(server.target, invokePath("spans"), "{}", 8, SECONDS, spans)).rps;
    return { tracing, noopC1, noopC8, noopP50: percentile(lat, 50), spansC8 };
  } finally {
    await stopNimbus(server);
  }
}

const rounds: Round[] = [];
for (const t of ["off", "on", "on", "off"] as const) {
  const r = await round(t);
  rounds.push(r);
  console.log(JSON.stringify(r));
}
const mean = (t: "on" | "off", k: keyof Omit<Round, "tracing">) => {
  const xs = rounds.filter((r) => r.tracing === t).map((r) => r[k]);
  return xs.reduce((a, b) => a + b, 0) / xs.length;
};
const summary = Object.fromEntries(
  (["noopC1", "noopC8", "noopP50", "spansC8"] as const).map((k) => [
    k,
    { off: mean("off", k), on: mean("on", k), change: mean("on", k) / mean("off", k) - 1 },
  ]),
);
console.table(summary);
const cpu = os.cpus()[0]?.model ?? "unknown";
writeFileSync(
  path.join(root, "bench", "tracing-results.json"),
  `${JSON.stringify({ date: new Date().toISOString(), machine: { cpu, cores: os.cpus().length, node: process.version }, seconds: SECONDS, rounds, summary }, null, 2)}\n`,
);
