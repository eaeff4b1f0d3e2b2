import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { PgListener } from "@/lib/db/listener";
import { testDatabaseUrl } from "@/test/server";

const db = new pg.Pool({ connectionString: testDatabaseUrl(), max: 2 });
afterAll(() => db.end());

describe("a LISTEN connection that comes back by itself", () => {
  it("hears notifications, says when it lost its connection and when it is back, then hears them again", async () => {
    const channel = `nimbus_test_${Math.random().toString(36).slice(2, 10)}`;
    const heard: string[] = [];
    const events: string[] = [];
    const listener = new PgListener(testDatabaseUrl(), channel, {
      notify: (p) => heard.push(p),
      lost: () => events.push("lost"),
      back: () => events.push("back"),
    });
    await listener.start();
    try {
      await db.query("SELECT pg_notify($1, 'one')", [channel]);
      await expect.poll(() => heard).toEqual(["one"]);
      // The database ends the listener's session, as a restart or a network cut would.
      await db.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = $1`, [`LISTEN ${channel}`]);
      await expect.poll(() => events, { timeout: 10_000 }).toEqual(["lost", "back"]);
      await db.query("SELECT pg_notify($1, 'two')", [channel]);
      await expect.poll(() => heard).toEqual(["one", "two"]);
    } finally {
      await listener.close();
    }
  });
});
