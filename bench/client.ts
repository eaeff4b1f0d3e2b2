/** Load generation: a keep-alive node:http client (latency) and wrk when installed (throughput). */
import http from "node:http";
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export interface Target {
  host: string;
  port: number;
}

export function post(
  agent: http.Agent,
  t: Target,
  urlPath: string,
  body: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: t.host,
        port: t.port,
        path: urlPath,
        method: "POST",
        agent,
        headers: { "content-type": "application/json", "Content-Length": Buffer.byteLength(body), ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString(), headers: res.headers }),
        );
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Sequential requests at concurrency 1; returns latencies in ms. */
export async function latencies(
  t: Target,
  urlPath: string,
  body: string,
  n: number,
  warmup: number,
  headers: Record<string, string> = {},
): Promise<number[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  for (let i = 0; i < warmup; i++) await post(agent, t, urlPath, body, headers);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = process.hrtime.bigint();
    const r = await post(agent, t, urlPath, body, headers);
    out.push(Number(process.hrtime.bigint() - s) / 1e6);
    if (r.status !== 200) throw new Error(`status ${r.status}: ${r.body}`);
  }
  agent.destroy();
  return out.sort((a, b) => a - b);
}

export const hasWrk = () => spawnSync("wrk", ["--version"]).error === undefined;

/** Fixed-duration load at concurrency c; returns completed requests and non-2xx count. */
export async function throughput(
  t: Target,
  urlPath: string,
  body: string,
  concurrency: number,
  seconds: number,
  headers: Record<string, string> = {},
): Promise<{ requests: number; errors: number; rps: number; tool: string }> {
  if (hasWrk()) {
    const script = path.join(os.tmpdir(), `nimbus-bench-${process.pid}.lua`);
    const extra = Object.entries(headers)
      .map(([k, v]) => `wrk.headers[${JSON.stringify(k)}] = ${JSON.stringify(v)}\n`)
      .join("");
    writeFileSync(
      script,
      `wrk.method = "POST"\nwrk.body = ${JSON.stringify(body)}\nwrk.headers["content-type"] = "application/json"\n${extra}`,
    );
    const r = spawnSync(
      "wrk",
      ["-t1", `-c${concurrency}`, `-d${seconds}s`, "-s", script, `http://${t.host}:${t.port}${urlPath}`],
      { encoding: "utf8" },
    );
    const requests = Number(/(\d+) requests in/.exec(r.stdout)?.[1] ?? 0);
    const errors =
      Number(/Non-2xx or 3xx responses: (\d+)/.exec(r.stdout)?.[1] ?? 0) +
      Number(
        /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/
          .exec(r.stdout)
          ?.slice(1)
          .reduce((a, b) => a + Number(b), 0) ?? 0,
      );
    const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(r.stdout)?.[1] ?? 0);
    return { requests, errors, rps, tool: "wrk" };
  }
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const until = Date.now() + seconds * 1000;
  let requests = 0;
  let errors = 0;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < until) {
        const r = await post(agent, t, urlPath, body, headers).catch(() => ({ status: 0 }));
        requests++;
        if (r.status !== 200) errors++;
      }
    }),
  );
  agent.destroy();
  return { requests, errors, rps: requests / ((Date.now() - started) / 1000), tool: "node" };
}
