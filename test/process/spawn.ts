import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { TEST_ROOT_ACCESS_KEY_ID, TEST_ROOT_SECRET_ACCESS_KEY } from "@/test/server";

export const root = path.resolve(import.meta.dirname, "../..");

export interface Proc {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Runs the built server entry (.nimbus/server.mjs) as its own process, API only (on this test's Node by default). */
export function spawnServer(env: Record<string, string>, node = process.execPath): Proc {
  const child = spawn(node, [path.join(root, ".nimbus", "server.mjs"), "--no-console"], {
    cwd: root,
    // The same master key and root key as the in-process test servers: they share the test database.
    env: {
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      HOST: "127.0.0.1",
      NIMBUS_MASTER_KEY: "11".repeat(32),
      NIMBUS_ROOT_ACCESS_KEY_ID: TEST_ROOT_ACCESS_KEY_ID,
      NIMBUS_ROOT_SECRET_ACCESS_KEY: TEST_ROOT_SECRET_ACCESS_KEY,
      ...env,
    } as unknown as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout.on("data", (c: Buffer) => (out += c.toString()));
  child.stderr.on("data", (c: Buffer) => (out += c.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) =>
    child.once("exit", (code: number | null, signal: NodeJS.Signals | null) => r({ code, signal })),
  );
  return { child, output: () => out, exited };
}

export async function waitForHealth(url: string, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      const r = await fetch(`${url}/api/health`);
      if (r.status === 200) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server at ${url} did not become healthy`);
}
