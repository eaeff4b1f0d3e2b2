/**
 * `npm run bench:async`: asynchronous invocations and schedules on a server this script
 * starts (embedded PostgreSQL): time from the 202 to the handler's start at idle and under
 * 200 events/s, throughput of a backlog, schedule lateness, and the idle cost of 1,000
 * enabled schedules (server CPU and database transactions per minute). Writes bench/async-results.json.
 */
import { readFileSync, writeFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { zipFiles } from "@/lib/code/package";
import { percentile, post } from "@/bench/client";
import { descendants, treeCpuMs, cmdline } from "@/bench/proc";
import { signedHeaders } from "@/bench/sign";
import { root, startNimbus, stopNimbus } from "@/bench/nimbus";

const log = (m: string) => process.stderr.write(m + "\n");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function signedPost(agent: http.Agent, t: { host: string; port: number }, urlPath: string, body: string) {
  return post(agent, t, urlPath, body, await signedHeaders(t, urlPath, body));
}

async function main() {
  const nimbus = await startNimbus([], {}, ["--no-console"]);
  const server = nimbus.child!;
  const dataDir = nimbus.dataDir!;
  const { port } = nimbus.target;
  const pid = readFileSync(path.join(dataDir, "pg", "postmaster.pid"), "utf8").split("\n");
  const db = new pg.Client({
    connectionString: `postgresql://postgres:${encodeURIComponent(readFileSync(path.join(dataDir, "pg-password"), "utf8").trim())}@127.0.0.1:${pid[3]}/nimbus`,
  });
  await db.connect();
  const target = { host: "127.0.0.1", port };
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const create = (name: string, source: string) =>
    signedPost(
      agent,
      target,
      "/2015-03-31/functions",
      JSON.stringify({
        FunctionName: name,
        Runtime: "nodejs20.x",
        Role: "r",
        Handler: "index.handler",
        Code: { ZipFile: Buffer.from(zipFiles({ "index.mjs": source })).toString("base64") },
      }),
    );
  await create("async-noop", `export const handler = async () => null;`);
  const fnId = (await db.query(`SELECT id FROM functions WHERE name = 'async-noop'`)).rows[0].id as string;
  // One signature for many events (valid 15 minutes, re-verified by the server each time), renewed every 5.
  let signed = { at: 0, headers: {} as Record<string, string> };
  const fire = async () => {
    if (Date.now() - signed.at > 300_000)
      signed = {
        at: Date.now(),
        headers: await signedHeaders(target, "/2015-03-31/functions/async-noop/invocations", "{}", {
          "X-Amz-Invocation-Type": "Event",
        }),
      };
    const eventHeaders = signed.headers;
    const sent = Date.now();
    const r = await post(agent, target, "/2015-03-31/functions/async-noop/invocations", "{}", eventHeaders);
    return { id: String(r.headers["x-amzn-requestid"]), acceptedAt: Date.now(), sent };
  };
  const startDelays = async (events: Array<{ id: string; acceptedAt: number }>) => {
    for (;;) {
      const r = await db.query(
        `SELECT "requestId", extract(epoch from "startedAt") * 1000 AS started FROM invocations WHERE "requestId" = ANY($1::uuid[]) AND outcome = 'Success'`,
        [events.map((e) => e.id)],
      );
      if (r.rowCount === events.length) {
        const at = new Map(r.rows.map((x) => [x.requestId, Number(x.started)]));
        return events.map((e) => at.get(e.id)! - e.acceptedAt).sort((a, b) => a - b);
      }
      await sleep(200);
    }
  };
  const results: Record<string, unknown> = { machine: { cpus: os.cpus().length, node: process.version } };

  log("[async] 202 → handler start at idle…");
  await fire();
  await sleep(2000);
  const idle: Array<{ id: string; acceptedAt: number }> = [];
  for (let i = 0; i < 100; i++) {
    idle.push(await fire());
    await sleep(50);
  }
  const idleD = await startDelays(idle);
  results.acceptToStartIdleMs = { p50: Math.round(percentile(idleD, 50)), p99: Math.round(percentile(idleD, 99)) };

  log("[async] 202 → handler start under 200 events/s for 10 s…");
  const loaded: Array<{ id: string; acceptedAt: number }> = [];
  const t0 = Date.now();
  let n = 0;
  while (Date.now() - t0 < 10_000) {
    const due = Math.floor(((Date.now() - t0) / 1000) * 200);
    const batch: Promise<{ id: string; acceptedAt: number }>[] = [];
    for (; n < due; n++) batch.push(fire());
    loaded.push(...(await Promise.all(batch)));
    await sleep(5);
  }
  const loadedD = await startDelays(loaded);
  results.acceptToStartAt200PerSecondMs = {
    events: loaded.length,
    p50: Math.round(percentile(loadedD, 50)),
    p99: Math.round(percentile(loadedD, 99)),
  };

  log("[async] backlog throughput (2,000 events)…");
  const backlog: Array<{ id: string; acceptedAt: number }> = [];
  const b0 = Date.now();
  for (let i = 0; i < 2000; i += 50) backlog.push(...(await Promise.all(Array.from({ length: 50 }, () => fire()))));
  const acceptedIn = Date.now() - b0;
  await startDelays(backlog);
  const doneIn = Date.now() - b0;
  results.backlog = {
    events: 2000,
    acceptPerSecond: Math.round(2000 / (acceptedIn / 1000)),
    completedPerSecond: Math.round(2000 / (doneIn / 1000)),
  };

  log("[async] schedule lateness (20 at() schedules)…");
  const slots: number[] = [];
  for (let i = 0; i < 20; i++) {
    const slot = Math.ceil((Date.now() + 8000 + i * 1500) / 1000) * 1000;
    slots.push(slot);
    await db.query(
      `INSERT INTO schedules (id, "functionId", name, expression, "startAt", "updatedAt") VALUES ($1, $2, $3, $4, now(), now())`,
      [randomUUID(), fnId, `late-${i}`, `at(${new Date(slot).toISOString().slice(0, 19)})`],
    );
  }
  await sleep(slots.at(-1)! - Date.now() + 4000);
  const late = await db.query(
    `SELECT extract(epoch from i."startedAt") * 1000 - extract(epoch from f.slot) * 1000 AS late FROM schedule_fires f JOIN invocations i ON i."requestId" = f."requestId" JOIN schedules s ON s.id = f."scheduleId" WHERE s.name LIKE 'late-%'`,
  );
  const lateMs = late.rows.map((r) => Number(r.late)).sort((a, b) => a - b);
  results.scheduleLatenessMs = {
    fires: lateMs.length,
    p50: Math.round(percentile(lateMs, 50)),
    p99: Math.round(percentile(lateMs, 99)),
  };

  log("[async] 1,000 enabled schedules, idle for 60 s…");
  await db.query(
    `INSERT INTO schedules (id, "functionId", name, expression, "startAt", "updatedAt") SELECT gen_random_uuid(), $1, 'idle-' || g, 'cron(0 0 1 1 ? 2199)', now(), now() FROM generate_series(1, 1000) g`,
    [fnId],
  );
  await sleep(8000); // the runners notice the change (5 s poll) and load them
  const pgPids = new Set(descendants(server.pid!).filter((d) => cmdline(d).includes("postgres")));
  const xacts = async () =>
    Number(
      (await db.query(`SELECT xact_commit + xact_rollback AS n FROM pg_stat_database WHERE datname = 'nimbus'`)).rows[0]
        .n,
    );
  const cpu0 = treeCpuMs(server.pid!, pgPids);
  const x0 = await xacts();
  await sleep(60_000);
  const cpu1 = treeCpuMs(server.pid!, pgPids);
  const x1 = await xacts();
  results.idleWith1000Schedules = { serverCpuMsPerMinute: cpu1 - cpu0, databaseTransactionsPerMinute: x1 - x0 - 2 };

  writeFileSync(path.join(root, "bench", "async-results.json"), JSON.stringify(results, null, 2) + "\n");
  console.log(JSON.stringify(results, null, 2));
  agent.destroy();
  await db.end();
  await stopNimbus(nimbus);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
