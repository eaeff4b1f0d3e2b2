/** Starts the built Nimbus server for a benchmark (or targets BENCH_URL, with BENCH_PID for CPU/RSS figures). */
import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { CreateFunctionCommand, type LambdaClient } from "@aws-sdk/client-lambda";
import type { Target } from "@/bench/client";
import { zipFiles } from "@/lib/code/package";
import { benchServerEnv } from "@/bench/sign";

export const root = path.resolve(import.meta.dirname, "..");

export interface NimbusServer {
  target: Target;
  pid: number | null;
  child: ChildProcess | null;
  dataDir: string | null;
}

export function waitLine(child: ChildProcess, re: RegExp, timeoutMs: number): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let buf = "";
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${re}: ${buf.slice(-2000)}`)), timeoutMs);
    const on = (c: Buffer) => {
      buf += c.toString();
      const m = re.exec(buf);
      if (m) {
        clearTimeout(timer);
        child.stdout!.off("data", on);
        child.stderr!.off("data", on);
        resolve(m);
      }
    };
    child.stdout!.on("data", on);
    child.stderr!.on("data", on);
    child.once("exit", (code) => reject(new Error(`exited ${code}: ${buf.slice(-2000)}`)));
  });
}

/** `nodeArgs` go before the entry (e.g. --cpu-prof), `args` after it (--no-console); `env` on top of the bench's own. */
export async function startNimbus(
  nodeArgs: string[] = [],
  env: Record<string, string> = {},
  args: string[] = [],
): Promise<NimbusServer> {
  if (process.env.BENCH_URL) {
    const u = new URL(process.env.BENCH_URL);
    return {
      target: { host: u.hostname, port: Number(u.port || 80) },
      pid: process.env.BENCH_PID ? Number(process.env.BENCH_PID) : null,
      child: null,
      dataDir: null,
    };
  }
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "nimbus-bench-"));
  chmodSync(dataDir, 0o755);
  const child = spawn(process.execPath, [...nodeArgs, path.join(root, ".nimbus", "server.mjs"), ...args], {
    cwd: root,
    env: {
      ...process.env,
      PORT: "0",
      HOST: "127.0.0.1",
      NIMBUS_DATA_DIR: dataDir,
      NIMBUS_MAX_CONCURRENCY: "200",
      ...benchServerEnv,
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const m = await waitLine(child, /ready on http:\/\/localhost:(\d+)/, 120_000);
  child.stdout!.resume();
  child.stderr!.resume();
  return { target: { host: "127.0.0.1", port: Number(m[1]) }, pid: child.pid!, child, dataDir };
}

/** Stops the server (SIGINT by default: a --cpu-prof profile is written on the way out) and removes its data. */
export async function stopNimbus(s: NimbusServer, signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
  if (s.child) {
    const exited = new Promise((r) => s.child!.once("exit", r));
    s.child.kill(signal);
    await exited;
  }
  if (s.dataDir) rmSync(s.dataDir, { recursive: true, force: true });
}

/** Bundles bench/<entry> and runs it as `node <bundle> 0`: a server that prints its port (the baseline, the relay). */
export async function startBundled(
  entry: string,
  env: Record<string, string> = {},
): Promise<{ target: Target; pid: number; child: ChildProcess }> {
  const { build } = await import("esbuild");
  const out = path.join(root, ".nimbus", `bench-${entry.replace(/\.ts$/, "")}.mjs`);
  await build({
    entryPoints: [path.join(root, "bench", entry)],
    bundle: true,
    platform: "node",
    format: "esm",
    outfile: out,
    logLevel: "warning",
    alias: { "@": root },
  });
  const child = spawn(process.execPath, [out, "0"], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...env },
  });
  const m = await waitLine(child, /^(\d+)\n/m, 10_000);
  child.stdout!.resume();
  child.stderr!.resume();
  return { target: { host: "127.0.0.1", port: Number(m[1]) }, pid: child.pid!, child };
}

/** Creates a benchmark function from its source (index.mjs, 30 s timeout); `perInstance`: its instance concurrency. */
export async function createBenchFunction(
  lambda: LambdaClient,
  name: string,
  source: string,
  perInstance = 1,
): Promise<void> {
  const provider = { CapacityProviderArn: "arn:aws:lambda:us-east-1:000000000000:capacity-provider:bench" };
  await lambda.send(
    new CreateFunctionCommand({
      FunctionName: name,
      Role: "bench",
      Runtime: "nodejs20.x",
      Handler: "index.handler",
      Code: { ZipFile: zipFiles({ "index.mjs": source }) },
      Timeout: 30,
      ...(perInstance > 1
        ? {
            CapacityProviderConfig: {
              LambdaManagedInstancesCapacityProviderConfig: {
                ...provider,
                PerExecutionEnvironmentMaxConcurrency: perInstance,
              },
            },
          }
        : {}),
    }),
  );
}
