import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { chmodSync, existsSync, mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { CreateFunctionCommand, InvokeCommand } from "@aws-sdk/client-lambda";
import { freePort } from "@/lib/db/embedded";
import { lambdaClient, testDatabaseUrl, uniqueName, zipOf } from "@/test/server";
import { spawnServer, waitForHealth } from "@/test/process/spawn";
import { nodeSupport } from "@/scripts/node-support.mjs";

const MACHINE_NODE = "/usr/bin/node";
function machineNodeIsEol(): boolean {
  if (!existsSync(MACHINE_NODE)) return false;
  const version = execFileSync(MACHINE_NODE, ["--version"], { encoding: "utf8" }).trim();
  return !nodeSupport(version).supported;
}

describe("server process lifecycle", () => {
  it("finishes in-flight invocations on SIGTERM, records them, and exits 0", async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const proc = spawnServer({
      PORT: String(port),
      DATABASE_URL: testDatabaseUrl(),
      NIMBUS_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), "nimbus-proc-")),
    });
    await waitForHealth(url);
    const lambda = lambdaClient(url);
    const name = uniqueName("slow");
    await lambda.send(
      new CreateFunctionCommand({
        FunctionName: name,
        Role: "r",
        Runtime: "nodejs20.x",
        Handler: "index.handler",
        Code: {
          ZipFile: zipOf(
            `export const handler = async () => { await new Promise((r) => setTimeout(r, 1200)); console.log("finished"); return "completed"; };`,
          ),
        },
      }),
    );
    const pending = lambda.send(new InvokeCommand({ FunctionName: name }));
    // SIGTERM once the server has the call in flight (its health says so), not after a guessed wait.
    const inFlight = async () => ((await (await fetch(`${url}/api/health`)).json()) as { inFlight: number }).inFlight;
    await expect.poll(inFlight, { timeout: 20_000, interval: 50 }).toBe(1);
    proc.child.kill("SIGTERM");
    const result = await pending;
    expect(new TextDecoder().decode(result.Payload)).toBe('"completed"');
    const exit = await proc.exited;
    expect(exit).toEqual({ code: 0, signal: null });
    // The record and its log lines were flushed before exit.
    const db = new pg.Client({ connectionString: testDatabaseUrl() });
    await db.connect();
    try {
      const rows = await db.query(
        `SELECT i.outcome, (SELECT count(*) FROM log_lines l WHERE l."requestId" = i."requestId")::int AS lines FROM invocations i WHERE "functionName" = $1`,
        [name],
      );
      expect(rows.rows).toEqual([{ outcome: "Success", lines: 1 }]);
    } finally {
      await db.end();
    }
  });

  it("starts an embedded PostgreSQL when DATABASE_URL is unset, and stops it on SIGINT", async () => {
    const port = await freePort();
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "nimbus-embedded-"));
    chmodSync(dataDir, 0o755);
    const proc = spawnServer({ PORT: String(port), NIMBUS_DATA_DIR: dataDir });
    // The server listens at once and answers 503 until it can serve invocations.
    let first: Response | undefined;
    for (let i = 0; i < 300 && !first; i++) {
      first = await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => undefined);
      if (!first) await new Promise((r) => setTimeout(r, 20));
    }
    expect(first?.status).toBe(503);
    expect(await first!.json()).toMatchObject({ status: "starting" });
    await waitForHealth(`http://127.0.0.1:${port}`, 60_000);
    const health = await (await fetch(`http://127.0.0.1:${port}/api/health`)).json();
    expect(health).toMatchObject({
      status: "ok",
      database: { kind: "embedded", state: "up" },
      node: { version: process.versions.node, endOfLife: nodeSupport(process.versions.node).eol },
    });
    const pidFile = path.join(dataDir, "pg", "postmaster.pid");
    expect(existsSync(pidFile)).toBe(true);
    const pgPid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
    const pgPort = Number(readFileSync(pidFile, "utf8").split("\n")[3]);
    expect(pgPort).not.toBe(5432);
    // It says which Node runs it, and nothing warns (the old runtime's warnings are gone).
    expect(proc.output()).toMatch(/The server runs on Node \d+\.\d+\.\d+: the pinned runtime/);
    expect(proc.output()).not.toMatch(/warning|deprecat/i);
    proc.child.kill("SIGINT");
    expect(await proc.exited).toEqual({ code: 0, signal: null });
    expect(() => process.kill(pgPid, 0)).toThrow();
  }, 90_000);

  // Only where the machine's own Node is past its end of life (Debian 12's Node 20, as in CI).
  it.runIf(machineNodeIsEol())("refuses to run on a Node past its end of life, saying how to run", async () => {
    const proc = spawnServer({ PORT: "0" }, MACHINE_NODE);
    expect((await proc.exited).code).toBe(1);
    expect(proc.output()).toMatch(/The server will not run on Node 2\d\.\d+\.\d+ — the machine's Node/);
    expect(proc.output()).toContain("reached its end of life");
    expect(proc.output()).toContain("node_modules/.nimbus-runtime/");
  });

  it("refuses invalid settings with a message naming them", async () => {
    const proc = spawnServer({ PORT: "not-a-port", NIMBUS_MAX_CONCURRENCY: "-1" });
    const exit = await proc.exited;
    expect(exit.code).toBe(1);
    expect(proc.output()).toContain("PORT: must be a number");
    expect(proc.output()).toContain("NIMBUS_MAX_CONCURRENCY: must be at least 1");
  });
});
