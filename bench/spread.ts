/**
 * CPU-bound calls spread over many functions at once: sixteen functions that each spin 5 ms, 64
 * concurrent callers taking them in turn. Per-version queueing cannot help here (each function has
 * few calls); the executor's CPU gate (lib/executor/queueing.ts) is what keeps 64 workers from
 * fighting over the cores. Compare with NIMBUS_CPU_CAP=100000 (the gate off).
 */
import http from "node:http";
import type { LambdaClient } from "@aws-sdk/client-lambda";
import { createBenchFunction } from "@/bench/nimbus";
import { percentile, post, type Target } from "@/bench/client";
import { signedHeaders } from "@/bench/sign";

const FUNCTIONS = 16;
const SPIN = `export const handler = async () => { const t = performance.now(); while (performance.now() - t < 5); return 1; };`;

export async function spreadLoad(
  lambda: LambdaClient,
  target: Target,
  prefix: string,
  concurrency: number,
  seconds: number,
): Promise<{ rps: number; requests: number; errors: number; p50Ms: number; p99Ms: number }> {
  const calls: { path: string; headers: Record<string, string> }[] = [];
  for (let i = 0; i < FUNCTIONS; i++) {
    const name = `${prefix}-spin5-${i}`;
    await createBenchFunction(lambda, name, SPIN);
    const path = `/2015-03-31/functions/${name}/invocations`;
    calls.push({ path, headers: await signedHeaders(target, path, "{}") });
  }
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  // Warm each function a few times: the executor learns that its calls are CPU-bound.
  for (const c of calls) for (let i = 0; i < 3; i++) await post(agent, target, c.path, "{}", c.headers);
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const started = Date.now();
  const until = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < until) {
        const c = calls[next++ % calls.length]!;
        const t0 = process.hrtime.bigint();
        const r = await post(agent, target, c.path, "{}", c.headers).catch(() => ({ status: 0 }));
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
        if (r.status !== 200) errors++;
      }
    }),
  );
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const elapsed = (Date.now() - started) / 1000;
  return {
    rps: Math.round(latencies.length / elapsed),
    requests: latencies.length,
    errors,
    p50Ms: Math.round(percentile(latencies, 50) * 10) / 10,
    p99Ms: Math.round(percentile(latencies, 99) * 10) / 10,
  };
}
