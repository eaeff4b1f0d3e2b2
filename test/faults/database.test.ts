/**
 * The database goes away and comes back: the embedded PostgreSQL killed with SIGKILL (Nimbus
 * restarts it), an external one stopped and started again (Nimbus reconnects), a shutdown while
 * it is down (records saved to disk, exit non-zero, written at the next start).
 */
import { chmodSync, mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { CreateFunctionCommand, GetFunctionCommand, InvokeCommand, type LambdaClient } from "@aws-sdk/client-lambda";
import { freePort, startEmbeddedPostgres, type EmbeddedPostgres } from "@/lib/db/embedded";
import { lambdaClient, startTestServer, uniqueName, zipOf } from "@/test/server";
import { spawnServer, waitForHealth } from "@/test/process/spawn";
import { GET as getFunctionRoute } from "@/app/api/functions/[name]/route";

const poll = { timeout: 30_000, interval: 100 };
const tmpDir = (prefix: string) => {
  const d = mkdtempSync(path.join(os.tmpdir(), prefix));
  chmodSync(d, 0o755); // PostgreSQL runs as the postgres user when we are root
  return d;
};
const health = async (url: string) => {
  const r = await fetch(`${url}/api/health`);
  return {
    status: r.status,
    body: (await r.json()) as { status: string; database: { state: string; error?: string } },
  };
};
async function deploy(lambda: LambdaClient): Promise<string> {
  const name = uniqueName("dbfault");
  await lambda.send(
    new CreateFunctionCommand({
      FunctionName: name,
      Role: "r",
      Runtime: "nodejs20.x",
      Handler: "index.handler",
      Code: { ZipFile: zipOf(`export const handler = async (e) => { console.log("ran", e.n); return e.n; };`) },
    }),
  );
  return name;
}
const invoke = (lambda: LambdaClient, name: string, n: number) =>
  lambda.send(new InvokeCommand({ FunctionName: name, Payload: new TextEncoder().encode(JSON.stringify({ n })) }));
/** HTTP status of a call through the SDK (the error's, when it fails). */
const statusOf = (p: Promise<{ $metadata: { httpStatusCode?: number } }>) =>
  p.then(
    (r) => r.$metadata.httpStatusCode ?? 0,
    (e: { $metadata?: { httpStatusCode?: number } }) => e.$metadata?.httpStatusCode ?? -1,
  );

const cleanup: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const c of cleanup.reverse()) await c().catch(() => {});
});

describe("the database goes away", () => {
  it("a SIGKILLed embedded PostgreSQL is noticed, restarted, and nothing answers 500 meanwhile", async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const dataDir = tmpDir("nimbus-dbkill-");
    const proc = spawnServer({ PORT: String(port), NIMBUS_DATA_DIR: dataDir });
    cleanup.push(async () => {
      proc.child.kill("SIGKILL");
      await proc.exited;
    });
    await waitForHealth(url, 60_000);
    const lambda = lambdaClient(url);
    const name = await deploy(lambda);
    expect((await invoke(lambda, name, 0)).FunctionError).toBeUndefined();

    const pidOf = () => Number(readFileSync(path.join(dataDir, "pg", "postmaster.pid"), "utf8").split("\n")[0]);
    const killed = pidOf();
    process.kill(killed, "SIGKILL");
    const seen = { health: new Set<string>(), api: new Set<number>(), invoke: new Set<number>() };
    let n = 1;
    await expect
      .poll(async () => {
        const h = await health(url);
        seen.health.add(`${h.status} ${h.body.database.state}`);
        seen.api.add(await statusOf(lambda.send(new GetFunctionCommand({ FunctionName: name }))));
        seen.invoke.add(await statusOf(invoke(lambda, name, n++)));
        return seen.health.has("503 down") && h.status === 200;
      }, poll)
      .toBe(true);
    expect(proc.child.exitCode).toBeNull(); // the server itself kept running
    expect(pidOf()).not.toBe(killed);
    // While it was down: health said so, calls that need the database answered 503, warm invocations kept working.
    expect([...seen.api].filter((s) => s !== 200 && s !== 503)).toEqual([]);
    expect([...seen.invoke]).toEqual([200]);
    expect(proc.output()).toContain("[db] WARNING: the embedded PostgreSQL exited (signal SIGKILL); starting it again");
    expect(proc.output()).toContain("[db] WARNING: the database is unavailable:");
    expect(proc.output()).toMatch(/\[db\] the embedded PostgreSQL is running again \(pid \d+\)/);
    // Back to normal, with no manual step: new functions, and every invocation recorded.
    const second = await deploy(lambda);
    expect((await invoke(lambda, second, 1)).StatusCode).toBe(200);
    const db = new pg.Client({
      connectionString: `postgresql://postgres:${encodeURIComponent(readFileSync(path.join(dataDir, "pg-password"), "utf8").trim())}@127.0.0.1:${readFileSync(path.join(dataDir, "pg", "postmaster.pid"), "utf8").split("\n")[3]}/nimbus`,
    });
    await db.connect();
    try {
      const count = async () =>
        (await db.query(`SELECT count(*)::int AS n FROM invocations WHERE "functionName" = $1`, [name])).rows[0].n;
      await expect.poll(count, poll).toBe(n);
    } finally {
      await db.end();
    }
  }, 120_000);

  it("an external PostgreSQL that stops and starts again: 503s while it is away, then back with no manual step", async () => {
    const pgDir = tmpDir("nimbus-extpg-");
    const pgPort = await freePort();
    let ext: EmbeddedPostgres = await startEmbeddedPostgres(pgDir, { port: pgPort, database: "ext" });
    cleanup.push(() => ext.stop());
    const srv = await startTestServer({ DATABASE_URL: ext.url });
    cleanup.push(() => srv.close());
    const lambda = lambdaClient(srv.url);
    const name = await deploy(lambda);
    expect((await invoke(lambda, name, 0)).FunctionError).toBeUndefined();
    expect((await health(srv.url)).status).toBe(200);

    await ext.stop();
    await expect
      .poll(async () => (await health(srv.url)).body.database.state, { timeout: 5_000, interval: 100 })
      .toBe("down");
    const h = await health(srv.url);
    expect(h).toMatchObject({
      status: 503,
      body: { status: "degraded", database: { state: "down", error: expect.any(String) } },
    });
    const err = await lambda
      .send(new GetFunctionCommand({ FunctionName: uniqueName("unknown") }))
      .catch(
        (e: Error & { $metadata: { httpStatusCode: number }; $response?: { headers: Record<string, string> } }) => e,
      );
    expect(err).toMatchObject({
      name: "ServiceUnavailableException",
      message: expect.stringContaining("The database is unavailable"),
      $metadata: { httpStatusCode: 503 },
    });
    // The console's API says the same, as JSON.
    const res = await getFunctionRoute(new Request(`http://localhost/api/functions/${name}x`), {
      params: Promise.resolve({ name: `${name}x` }),
    });
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("2");
    expect(await res.json()).toMatchObject({
      error: { code: "ServiceUnavailableException", message: expect.stringContaining("The database is unavailable") },
    });
    // A warm function keeps answering; its records wait in memory.
    for (let i = 1; i <= 3; i++) expect((await invoke(lambda, name, i)).FunctionError).toBeUndefined();
    expect(srv.platform.writer.pending).toBeGreaterThan(0);

    ext = await startEmbeddedPostgres(pgDir, { port: pgPort, database: "ext" });
    await expect.poll(async () => (await health(srv.url)).status, poll).toBe(200);
    expect((await lambda.send(new GetFunctionCommand({ FunctionName: name }))).Configuration?.FunctionName).toBe(name);
    await expect
      .poll(
        async () =>
          (
            await srv.platform.db.pool.query(`SELECT count(*)::int AS n FROM invocations WHERE "functionName" = $1`, [
              name,
            ])
          ).rows[0].n,
        poll,
      )
      .toBe(4);
    expect((await deploy(lambda)).length).toBeGreaterThan(0);
  }, 120_000);

  it("SIGTERM while the database is down: records are saved to disk, the exit is non-zero, the next start writes them", async () => {
    const pgDir = tmpDir("nimbus-extpg-");
    const pgPort = await freePort();
    let ext: EmbeddedPostgres = await startEmbeddedPostgres(pgDir, { port: pgPort, database: "ext" });
    cleanup.push(() => ext.stop());
    const dataDir = tmpDir("nimbus-down-");
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const env = {
      PORT: String(port),
      DATABASE_URL: ext.url,
      NIMBUS_DATA_DIR: dataDir,
      NIMBUS_SHUTDOWN_GRACE_SECONDS: "2",
    };
    const first = spawnServer(env);
    cleanup.push(async () => first.child.kill("SIGKILL"));
    await waitForHealth(url);
    const lambda = lambdaClient(url);
    const name = await deploy(lambda);
    await invoke(lambda, name, 0);
    await ext.stop();
    for (let i = 1; i <= 3; i++) expect((await invoke(lambda, name, i)).FunctionError).toBeUndefined();
    first.child.kill("SIGTERM");
    const exit = await first.exited;
    expect(exit.code).toBe(1);
    expect(first.output()).toMatch(
      /\[nimbus\] WARNING: shutdown: \d+ invocation record rows could not be written \(.+\); saved to .*records\/pending\.jsonl, written at the next start/,
    );

    ext = await startEmbeddedPostgres(pgDir, { port: pgPort, database: "ext" });
    const second = spawnServer(env);
    cleanup.push(async () => second.child.kill("SIGKILL"));
    await waitForHealth(url);
    const db = new pg.Client({ connectionString: ext.url });
    await db.connect();
    try {
      await expect
        .poll(
          async () =>
            (await db.query(`SELECT count(*)::int AS n FROM invocations WHERE "functionName" = $1`, [name])).rows[0].n,
          poll,
        )
        .toBe(4);
      expect(
        (
          await db.query(
            `SELECT count(*)::int AS n FROM log_lines l JOIN invocations i USING ("requestId") WHERE i."functionName" = $1`,
            [name],
          )
        ).rows[0].n,
      ).toBe(4);
    } finally {
      await db.end();
    }
    expect(second.output()).toMatch(/\[records\] wrote \d+ rows saved to disk while the database was unavailable/);
    second.child.kill("SIGTERM");
    expect((await second.exited).code).toBe(0);
  }, 120_000);
});
