import { describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { CreateFunctionCommand } from "@aws-sdk/client-lambda";
import { freePort } from "@/lib/db/embedded";
import { lambdaClient, testDatabaseUrl, uniqueName, zipOf } from "@/test/server";
import { spawnServer, waitForHealth, type Proc } from "@/test/process/spawn";

describe("schedules across three servers", () => {
  it("fire each due slot exactly once while three server processes share the database", {
    timeout: 120_000,
  }, async () => {
    const servers: Proc[] = [];
    const ports: number[] = [];
    const db = new pg.Client({ connectionString: testDatabaseUrl() });
    await db.connect();
    try {
      for (let i = 0; i < 3; i++) {
        const port = await freePort();
        ports.push(port);
        servers.push(
          spawnServer({
            PORT: String(port),
            DATABASE_URL: testDatabaseUrl(),
            NIMBUS_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), "nimbus-three-")),
          }),
        );
      }
      await Promise.all(ports.map((p) => waitForHealth(`http://127.0.0.1:${p}`)));
      const name = uniqueName("three");
      await lambdaClient(`http://127.0.0.1:${ports[0]}`).send(
        new CreateFunctionCommand({
          FunctionName: name,
          Role: "r",
          Runtime: "nodejs20.x",
          Handler: "index.handler",
          Code: { ZipFile: zipOf(`export const handler = async () => null;`) },
        }),
      );
      const fnId = (await db.query(`SELECT id FROM functions WHERE name = $1`, [name])).rows[0].id;

      // Six slots already due (as after downtime, all within the maximum age) and three coming up.
      const insert = `INSERT INTO schedules (id, "functionId", name, expression, "timeZone", "startAt", "maximumEventAgeSeconds", "updatedAt") VALUES ($1, $2, $3, $4, 'UTC', $5, 3600, now())`;
      await db.query(insert, [randomUUID(), fnId, "backlog", "rate(1 minute)", new Date(Date.now() - 330_000)]);
      for (const s of [8, 9, 10]) {
        const at = new Date(Date.now() + s * 1000).toISOString().slice(0, 19);
        await db.query(insert, [randomUUID(), fnId, `at-${s}`, `at(${at})`, new Date()]);
      }
      const counts = async () => {
        const fires = await db.query(
          `SELECT count(*)::int AS n FROM schedule_fires f JOIN schedules s ON s.id = f."scheduleId" WHERE s."functionId" = $1 AND f.status = 'fired' AND f.slot <= now() - interval '2 seconds'`,
          [fnId],
        );
        const runs = await db.query(
          `SELECT count(DISTINCT "requestId")::int AS n, count(*)::int AS rows FROM invocations WHERE "functionId" = $1 AND trigger = 'schedule' AND outcome = 'Success'`,
          [fnId],
        );
        return { fires: fires.rows[0].n as number, runs: runs.rows[0].n as number, rows: runs.rows[0].rows as number };
      };
      // Each server notices the new schedules within its poll interval (5 s) and races for the slots.
      await expect
        .poll(async () => (await counts()).fires >= 9 && (await counts()).runs >= 9, { timeout: 60_000, interval: 500 })
        .toBe(true);
      await new Promise((r) => setTimeout(r, 3000)); // time for any duplicate to show up
      const c = await counts();
      const dupes = await db.query(
        `SELECT f."scheduleId", f.slot, count(*) FROM schedule_fires f JOIN schedules s ON s.id = f."scheduleId" WHERE s."functionId" = $1 GROUP BY 1, 2 HAVING count(*) > 1`,
        [fnId],
      );
      expect(dupes.rowCount).toBe(0);
      // The backlog has 6 slots due now (330 s … 30 s old) plus the one at 'now' rounding; the at() ones 3.
      const byName = await db.query(
        `SELECT s.name, count(*)::int AS n FROM schedule_fires f JOIN schedules s ON s.id = f."scheduleId" WHERE s."functionId" = $1 AND f.status = 'fired' GROUP BY s.name ORDER BY s.name`,
        [fnId],
      );
      expect(byName.rows.filter((r) => r.name.startsWith("at-"))).toEqual([
        { name: "at-10", n: 1 },
        { name: "at-8", n: 1 },
        { name: "at-9", n: 1 },
      ]);
      const backlog = byName.rows.find((r) => r.name === "backlog")!.n;
      expect(backlog).toBeGreaterThanOrEqual(6);
      // One invocation per fired slot, never two.
      const fired = (
        await db.query(
          `SELECT count(*)::int AS n FROM schedule_fires f JOIN schedules s ON s.id = f."scheduleId" WHERE s."functionId" = $1 AND f.status = 'fired'`,
          [fnId],
        )
      ).rows[0].n;
      await expect.poll(async () => (await counts()).runs, { timeout: 20_000 }).toBe(fired);
      expect(c.rows).toBe(c.runs);
    } finally {
      for (const s of servers) s.child.kill("SIGTERM");
      await Promise.all(servers.map((s) => s.exited));
      await db.end();
    }
  });
});
