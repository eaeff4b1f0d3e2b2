/**
 * The hostile-function suite: a real server process (the production bundle) runs each
 * attack in attacks.ts while a control function is invoked every 250 ms. Each attack must
 * get its error class and leak nothing; the control must keep succeeding; the server's pid
 * must never change; and sandboxes, files and memory must come back to their baseline.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync, mkdtempSync, readdirSync, readFileSync, chmodSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { CreateFunctionCommand, InvokeCommand, LogType, type LambdaClient } from "@aws-sdk/client-lambda";
import { freePort } from "@/lib/db/embedded";
import { lambdaClient, testDatabaseUrl, uniqueName, zipOf } from "@/test/server";
import { root, spawnServer, waitForHealth, type Proc } from "@/test/process/spawn";
import { attacks, type Outcome, type Target } from "@/test/hostile/attacks";
import { descendants, rssMb } from "@/bench/proc";
import { createTestNet, TEST_HOSTS, TEST_RESOLV_CONF, type TestNet } from "@/test/network/testnet";

const ENV_MARKER = `HOSTILE_MARKER_${Math.random().toString(36).slice(2)}`;
const SECRET_MARKER = `secret-${Math.random().toString(36).slice(2)}`;

let proc: Proc;
let url: string;
let lambda: LambdaClient;
let target: Target;
let dataDir: string;
let testNet: TestNet | null = null;

const control = {
  name: uniqueName("control"),
  ok: 0,
  failures: [] as string[],
  timer: null as NodeJS.Timeout | null,
  current: "setup",
};

async function health(): Promise<{
  executor: { sandboxes: number; isolation: { level: string; missing: string[] }; network: { mode: string } };
}> {
  const r = await fetch(`${url}/api/health`);
  return (await r.json()) as never;
}

function fdCount(pid: number): number {
  return readdirSync(`/proc/${pid}/fd`).length;
}

const uidOf = (pid: number) => {
  try {
    return Number(/Uid:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1]);
  } catch {
    return -1; // gone
  }
};

/**
 * This server's processes running under a sandbox uid (every sandbox runs as its own uid).
 * Other test files run servers with sandboxes at the same time: only this server's descendants count.
 */
function sandboxProcesses(serverPid: number): number {
  return descendants(serverPid)
    .map(uidOf)
    .filter((uid) => uid >= 200_000 && uid < 1_200_000).length;
}

/** `perInstance`: calls one instance runs at once (instance concurrency). */
async function deploy(name: string, code: string, timeoutSeconds = 3, memoryMb = 128, perInstance = 1) {
  const arn = "arn:aws:lambda:us-east-1:000000000000:capacity-provider:hostile";
  await lambda.send(
    new CreateFunctionCommand({
      FunctionName: name,
      Role: "r",
      Runtime: "nodejs20.x",
      Handler: "index.handler",
      Timeout: timeoutSeconds,
      MemorySize: memoryMb,
      Code: { ZipFile: zipOf(code) },
      ...(perInstance > 1
        ? {
            CapacityProviderConfig: {
              LambdaManagedInstancesCapacityProviderConfig: {
                CapacityProviderArn: arn,
                PerExecutionEnvironmentMaxConcurrency: perInstance,
              },
            },
          }
        : {}),
    }),
  );
}

async function run(name: string, event: unknown): Promise<Outcome> {
  const r = await lambda.send(
    new InvokeCommand({
      FunctionName: name,
      Payload: new TextEncoder().encode(JSON.stringify(event)),
      LogType: LogType.Tail,
    }),
  );
  const text = new TextDecoder().decode(r.Payload);
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  const errorType = r.FunctionError ? String((body as { errorType?: string })?.errorType ?? "") : null;
  return {
    functionError: r.FunctionError ?? null,
    errorType,
    body,
    logTail: r.LogResult ? Buffer.from(r.LogResult, "base64").toString("utf8") : "",
  };
}

beforeAll(async () => {
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  dataDir = mkdtempSync(path.join(os.tmpdir(), "nimbus-hostile-"));
  chmodSync(dataDir, 0o700);
  const secretFile = path.join(dataDir, "secret.txt");
  writeFileSync(secretFile, SECRET_MARKER, { mode: 0o644 });
  // Names for the rebinding attack, and no upstream resolver: no lookup leaves the machine.
  writeFileSync(path.join(dataDir, "sandbox-hosts"), TEST_HOSTS);
  writeFileSync(path.join(dataDir, "sandbox-resolv.conf"), TEST_RESOLV_CONF);
  // As root sandboxes have network: the private and metadata addresses the attacks try are routed
  // into a namespace of the test's own, so even a broken filter could not send them off the machine.
  if (process.getuid?.() === 0) testNet = await createTestNet();
  proc = spawnServer({
    PORT: String(port),
    DATABASE_URL: testDatabaseUrl(),
    NIMBUS_DATA_DIR: dataDir,
    NIMBUS_SANDBOX_MEMORY_LIMIT_MB: "2048",
    NIMBUS_INSTANCE_IDLE_SECONDS: "3",
    HOSTILE_MARKER: ENV_MARKER,
    // To see what each layer stops: NIMBUS_HOSTILE_ISOLATION=no-bubblewrap npx vitest run test/hostile
    NIMBUS_SANDBOX_ISOLATION: process.env.NIMBUS_HOSTILE_ISOLATION ?? "auto",
  });
  await waitForHealth(url);
  lambda = lambdaClient(url);
  target = {
    secretFile,
    secretMarker: SECRET_MARKER,
    dataDir,
    repoRoot: root,
    serverPid: proc.child.pid!,
    serverPort: port,
    dbPort: Number(new URL(testDatabaseUrl()).port),
    hostAddress:
      Object.values(os.networkInterfaces())
        .flat()
        .find((i) => i && !i.internal && i.family === "IPv4")?.address ?? "192.0.2.1",
    envMarker: ENV_MARKER,
  };
  await deploy(
    control.name,
    `let n = 0; export const handler = async (e) => ({ n: ++n, echo: e.x, env: Object.keys(process.env).filter((k) => k.startsWith("NIMBUS") || k === "DATABASE_URL" || k === "HOSTILE_MARKER") });`,
  );
  const first = await run(control.name, { x: 0 });
  expect(first.functionError).toBeNull();
  let x = 0;
  control.timer = setInterval(() => {
    const sent = ++x;
    const during = control.current;
    const started = Date.now();
    run(control.name, { x: sent }).then(
      (o) => {
        const b = o.body as { echo?: number; env?: string[] };
        if (o.functionError || b.echo !== sent || (b.env?.length ?? 1) !== 0)
          control.failures.push(`during "${during}": ${o.errorType} ${JSON.stringify(o.body).slice(0, 200)}`);
        else if (Date.now() - started > 5000)
          control.failures.push(`during "${during}": took ${Date.now() - started} ms`);
        else control.ok++;
      },
      (err: Error) => control.failures.push(`during "${during}": ${err.name}: ${err.message}`),
    );
  }, 250);
}, 60_000);

afterAll(async () => {
  if (control.timer) clearInterval(control.timer);
  proc?.child.kill("SIGTERM");
  await proc?.exited;
  testNet?.close();
});

describe("hostile functions", () => {
  const baseline = { rssMb: 0, fds: 0 };

  it("runs with full isolation when bubblewrap is installed and the server is root", async () => {
    const h = await health();
    if (process.getuid?.() === 0 && !process.env.NIMBUS_HOSTILE_ISOLATION) {
      expect(h.executor.isolation).toMatchObject({ level: "full", missing: [] });
      expect(h.executor.network.mode).toBe("internet (filtered)");
    }
    baseline.rssMb = rssMb(target.serverPid);
    baseline.fds = fdCount(target.serverPid);
  });

  for (const attack of attacks((cond, message) => expect(cond, message).toBe(true))) {
    it(`contains: ${attack.name}`, { timeout: 180_000 }, async () => {
      control.current = attack.name;
      const name = uniqueName("hostile");
      await deploy(name, attack.code, attack.timeoutSeconds ?? 3, attack.memoryMb ?? 256);
      const outcome = await run(name, target);
      attack.check(outcome, target);
      // The server is the same process, and it still answers.
      expect(proc.child.exitCode).toBeNull();
      expect((await fetch(`${url}/api/health`)).status).toBe(200);
    });
  }

  it("contains ten 128 MB functions each filling its memory at once", { timeout: 180_000 }, async () => {
    control.current = "ten functions at their memory limit";
    const names = Array.from({ length: 10 }, () => uniqueName("memhog"));
    const hog = `export const handler = async () => { const keep = []; for (let i = 0; i < 1024; i++) { keep.push(Buffer.alloc(1 << 20, 1)); if (i % 4 === 0) await new Promise((r) => setTimeout(r, 1)); } return keep.length; };`;
    for (const name of names) await deploy(name, hog, 30, 128);
    const outcomes = await Promise.all(names.map((name) => run(name, {})));
    expect(outcomes.map((o) => o.errorType)).toEqual(names.map(() => "Runtime.OutOfMemory"));
    expect(proc.child.exitCode).toBeNull();
    expect((await fetch(`${url}/api/health`)).status).toBe(200);
  });

  it("contains sixteen calls sharing an instance that all block its thread", { timeout: 180_000 }, async () => {
    control.current = "sixteen calls spinning on one instance";
    const name = uniqueName("sharedspin");
    const code = `export const handler = async (e) => { if (e.ok) return "ok"; while (true) {} };`;
    await deploy(name, code, 2, 128, 16);
    const outcomes = await Promise.all(Array.from({ length: 16 }, () => run(name, {})));
    // Each call is cut off at its own deadline; the instance goes with the last one.
    expect(outcomes.map((o) => o.errorType)).toEqual(outcomes.map(() => "Sandbox.Timedout"));
    expect((await run(name, { ok: true })).body).toBe("ok");
    expect(proc.child.exitCode).toBeNull();
  });

  it("contains sixteen calls sharing an instance that together pass its memory", { timeout: 180_000 }, async () => {
    control.current = "sixteen calls filling one instance's memory";
    const name = uniqueName("sharedhog");
    // 16 × 32 MB held at once, in a 128 MB function: the memory setting bounds the instance, not each call.
    const code = `export const handler = async () => { const keep = []; for (let i = 0; i < 32; i++) { keep.push(Buffer.alloc(1 << 20, 1)); await new Promise((r) => setTimeout(r, 2)); } await new Promise((r) => setTimeout(r, 5000)); return keep.length; };`;
    await deploy(name, code, 30, 128, 16);
    const outcomes = await Promise.all(Array.from({ length: 16 }, () => run(name, {})));
    expect(outcomes.map((o) => o.errorType)).toEqual(outcomes.map(() => "Runtime.OutOfMemory"));
    expect(proc.child.exitCode).toBeNull();
    expect((await fetch(`${url}/api/health`)).status).toBe(200);
  });

  it("keeps one function's tmp from another", async () => {
    control.current = "tmp of another function";
    const victim = uniqueName("victim");
    const thief = uniqueName("thief");
    await deploy(
      victim,
      `import fs from "node:fs"; export const handler = async (e) => { fs.writeFileSync("/tmp/victim-secret", e.marker); return fs.realpathSync("/tmp/victim-secret"); };`,
    );
    await deploy(
      thief,
      `import fs from "node:fs"; export const handler = async (e) => { const r = {}; for (const p of [e.path, "/tmp/victim-secret"]) { try { r[p] = fs.readFileSync(p, "utf8"); } catch (err) { r[p] = err.code; } } try { r.list = fs.readdirSync("/tmp"); } catch (err) { r.list = err.code; } return r; };`,
    );
    const written = await run(victim, { marker: SECRET_MARKER });
    expect(written.functionError).toBeNull();
    const stolen = await run(thief, { path: written.body });
    expect(stolen.functionError).toBeNull();
    expect(JSON.stringify(stolen.body)).not.toContain(SECRET_MARKER);
  });

  it("kept the control function answering through every attack", () => {
    expect(control.failures).toEqual([]);
    expect(control.ok).toBeGreaterThan(20);
  });

  it("kept storing the control function's records through every attack", async () => {
    const db = new pg.Client({ connectionString: testDatabaseUrl() });
    await db.connect();
    try {
      const stored = async () =>
        (await db.query(`SELECT count(*)::int AS n FROM invocations WHERE "functionName" = $1`, [control.name])).rows[0]
          .n as number;
      await expect.poll(stored, { timeout: 10_000, interval: 200 }).toBeGreaterThanOrEqual(control.ok);
    } finally {
      await db.end();
    }
  });

  it("returns sandboxes, descriptors and memory to their baseline", { timeout: 60_000 }, async () => {
    control.current = "cool-down";
    if (control.timer) clearInterval(control.timer);
    control.timer = null;
    // Idle instances retire after 3 s; what stays is the pre-spawned sandbox (and perhaps the control's).
    const until = Date.now() + 30_000;
    let h = await health();
    while (Date.now() < until && h.executor.sandboxes > 2) {
      await new Promise((r) => setTimeout(r, 500));
      h = await health();
    }
    expect(h.executor.sandboxes).toBeLessThanOrEqual(2);
    if (process.getuid?.() === 0) expect(sandboxProcesses(target.serverPid)).toBeLessThanOrEqual(2);
    const sandboxDirs = existsSync(path.join(dataDir, "sandboxes"))
      ? readdirSync(path.join(dataDir, "sandboxes")).filter((d) => d.startsWith("sbx-"))
      : [];
    expect(sandboxDirs.length).toBeLessThanOrEqual(2);
    expect(fdCount(target.serverPid)).toBeLessThan(baseline.fds + 40);
    // 100 MB of output and 50 MB results passed through; the server must not have kept them.
    expect(rssMb(target.serverPid)).toBeLessThan(baseline.rssMb + 200);
    expect(readFileSync(target.secretFile, "utf8")).toBe(SECRET_MARKER);
  });
});
