import { afterAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { CreateFunctionCommand, InvokeCommand, PutFunctionConcurrencyCommand } from "@aws-sdk/client-lambda";
import { freePort } from "@/lib/db/embedded";
import { lambdaClient, testDatabaseUrl, uniqueName, zipOf } from "@/test/server";
import { spawnServer, waitForHealth, type Proc } from "@/test/process/spawn";

const servers: Proc[] = [];
afterAll(async () => {
  for (const s of servers) s.child.kill("SIGKILL");
  await Promise.all(servers.map((s) => s.exited));
});

const sleeper = zipOf(
  `export const handler = async (e) => { await new Promise((r) => setTimeout(r, e.ms)); return "slept"; };`,
);

describe("concurrency limits across three servers", () => {
  it("hold for the cluster, and a killed server's share comes back within seconds", { timeout: 120_000 }, async () => {
    const db = new pg.Client({ connectionString: testDatabaseUrl() });
    await db.connect();
    // The database is shared with other tests: leave their reservations out of the unreserved pool.
    const others = Number(
      (await db.query(`SELECT COALESCE(SUM("reservedConcurrency"), 0)::int AS n FROM functions`)).rows[0].n,
    );
    await db.end();
    const cluster = `three-${randomUUID().slice(0, 8)}`;
    const urls: string[] = [];
    for (let i = 0; i < 3; i++) {
      const port = await freePort();
      urls.push(`http://127.0.0.1:${port}`);
      servers.push(
        spawnServer({
          PORT: String(port),
          DATABASE_URL: testDatabaseUrl(),
          NIMBUS_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), "nimbus-conc-")),
          NIMBUS_CLUSTER_NAME: cluster,
          // Short enough for the killed server's share to come back within the test; long enough that
          // a renewal late on a loaded machine (the whole suite runs beside it) does not lose a share in use.
          NIMBUS_CONCURRENCY_LEASE_SECONDS: "5",
          // 3 unreserved once this test's reservation of 2 is made.
          NIMBUS_MAX_CONCURRENCY: String(others + 2 + 3),
          NIMBUS_MIN_UNRESERVED_CONCURRENCY: "1",
        }),
      );
    }
    await Promise.all(urls.map((u) => waitForHealth(u)));
    const clients = urls.map((u) => lambdaClient(u));
    const [reserved, open] = [uniqueName("res"), uniqueName("open")];
    for (const name of [reserved, open])
      await clients[0]!.send(
        new CreateFunctionCommand({
          FunctionName: name,
          Role: "r",
          Runtime: "nodejs20.x",
          Handler: "index.handler",
          // Past the 30 s calls below: at the default 3 s they would end before the probe that counts on them.
          Timeout: 60,
          Code: { ZipFile: sleeper },
        }),
      );
    await clients[0]!.send(
      new PutFunctionConcurrencyCommand({ FunctionName: reserved, ReservedConcurrentExecutions: 2 }),
    );
    // Every server learns of the reservation through the change feed (a NOTIFY: milliseconds, given slack).
    await new Promise((r) => setTimeout(r, 2000));

    const invoke = (i: number, name: string, ms: number) =>
      clients[i]!.send(new InvokeCommand({ FunctionName: name, Payload: JSON.stringify({ ms }) })).then(
        () => "ok",
        (e: Error & { Reason?: string }) => e.Reason ?? e.message,
      );
    const burst = async (name: string) => {
      const all = await Promise.all([0, 1, 2].flatMap((i) => Array.from({ length: 4 }, () => invoke(i, name, 1500))));
      return { ok: all.filter((r) => r === "ok").length, throttled: all.filter((r) => r !== "ok") };
    };

    // Twelve at once, four at each server: the reservation of 2 holds for all three together …
    const r = await burst(reserved);
    expect(r.ok).toBe(2);
    expect(new Set(r.throttled)).toEqual(new Set(["ReservedFunctionConcurrentInvocationLimitExceeded"]));
    // … and so does the account limit (3 unreserved).
    const o = await burst(open);
    expect(o.ok).toBe(3);
    expect(new Set(o.throttled)).toEqual(new Set(["ConcurrentInvocationLimitExceeded"]));

    // Server 0 takes both reserved slots with long calls and is killed while they run. The burst
    // above may have left the slots with server 1 or 2 (whichever asked first); refused, server 0
    // asks again until they give their idle slots back (at their next renewal, being contended).
    // A call counts as running once server 0's health says it has that many in flight: a refusal
    // can take seconds to come back on a loaded machine, so no wait on an unanswered call proves it runs.
    const inFlight = async (i: number) =>
      ((await (await fetch(`${urls[i]}/api/health`)).json()) as { inFlight: number }).inFlight;
    // Returns the call wrapped: an async function returning a bare promise would wait for it.
    const running = async (i: number, name: string, ms: number, nth: number): Promise<{ call: Promise<string> }> => {
      for (;;) {
        let settled = false;
        const call = invoke(i, name, ms).finally(() => {
          settled = true;
        });
        while (!settled && (await inFlight(i)) < nth) await new Promise((r) => setTimeout(r, 100));
        if (!settled) return { call };
        await new Promise((r) => setTimeout(r, 200));
      }
    };
    const long = [await running(0, reserved, 30_000, 1), await running(0, reserved, 30_000, 2)].map((r) => r.call);
    expect(await invoke(1, reserved, 10)).toBe("ReservedFunctionConcurrentInvocationLimitExceeded");
    servers[0]!.child.kill("SIGKILL");
    await Promise.allSettled(long);
    // Its shares expire (5 s lease) and the others may use them.
    await expect.poll(() => invoke(1, reserved, 10), { timeout: 15_000, interval: 250 }).toBe("ok");
    await expect.poll(() => invoke(2, reserved, 10), { timeout: 15_000, interval: 250 }).toBe("ok");
  });
});
