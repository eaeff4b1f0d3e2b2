import { describe, expect, it } from "vitest";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { CreateFunctionCommand, InvokeCommand } from "@aws-sdk/client-lambda";
import { freePort } from "@/lib/db/embedded";
import { lambdaClient, testDatabaseUrl, uniqueName, zipOf } from "@/test/server";
import { spawnServer, waitForHealth } from "@/test/process/spawn";

describe("asynchronous events survive a crash", () => {
  it("kill -9 while events are queued and running: after a restart every event ran at least once", {
    timeout: 120_000,
  }, async () => {
    const env = (port: number) => ({
      PORT: String(port),
      DATABASE_URL: testDatabaseUrl(),
      NIMBUS_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), "nimbus-crash-")),
      NIMBUS_ASYNC_CONCURRENCY: "4",
    });
    const port1 = await freePort();
    const first = spawnServer(env(port1));
    await waitForHealth(`http://127.0.0.1:${port1}`);
    const lambda = lambdaClient(`http://127.0.0.1:${port1}`);
    const name = uniqueName("crash");
    await lambda.send(
      new CreateFunctionCommand({
        FunctionName: name,
        Role: "r",
        Runtime: "nodejs20.x",
        Handler: "index.handler",
        Timeout: 3,
        Code: {
          ZipFile: zipOf(
            `export const handler = async (e) => { await new Promise((r) => setTimeout(r, 400)); return e.n; };`,
          ),
        },
      }),
    );
    const ids: string[] = [];
    for (let n = 0; n < 24; n++) {
      const r = await lambda.send(
        new InvokeCommand({
          FunctionName: name,
          InvocationType: "Event",
          Payload: new TextEncoder().encode(JSON.stringify({ n })),
        }),
      );
      expect(r.StatusCode).toBe(202);
      ids.push(r.$metadata.requestId!);
    }
    // Kill once some are running (most are still queued): the server's health counts them.
    const running = async () =>
      ((await (await fetch(`http://127.0.0.1:${port1}/api/health`)).json()) as { inFlight: number }).inFlight;
    await expect.poll(running, { timeout: 20_000, interval: 50 }).toBeGreaterThan(0);
    first.child.kill("SIGKILL");
    await first.exited;

    const db = new pg.Client({ connectionString: testDatabaseUrl() });
    await db.connect();
    const succeeded = async () =>
      (
        await db.query(
          `SELECT DISTINCT "requestId" FROM invocations WHERE "requestId" = ANY($1::uuid[]) AND outcome = 'Success'`,
          [ids],
        )
      ).rowCount ?? 0;
    const beforeRestart = await succeeded();
    expect(beforeRestart).toBeLessThan(ids.length); // the crash really interrupted the work

    const port2 = await freePort();
    const second = spawnServer(env(port2));
    try {
      await waitForHealth(`http://127.0.0.1:${port2}`);
      await expect.poll(succeeded, { timeout: 90_000, interval: 500 }).toBe(ids.length);
    } finally {
      second.child.kill("SIGTERM");
      await second.exited;
      await db.end();
    }
  });
});
