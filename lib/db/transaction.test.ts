import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { withTransaction } from "@/lib/db/transaction";
import { testDatabaseUrl } from "@/test/server";

const db = new pg.Pool({ connectionString: testDatabaseUrl(), max: 2 });
afterAll(() => db.end());

describe("withTransaction", () => {
  it("commits what fn wrote when it resolves, rolls it back when it throws, and frees the client", async () => {
    const table = `tx_test_${Math.random().toString(36).slice(2, 10)}`;
    await db.query(`CREATE TABLE ${table} (n int)`);
    try {
      expect(
        await withTransaction(db, async (c) => {
          await c.query(`INSERT INTO ${table} VALUES (1)`);
          return "kept";
        }),
      ).toBe("kept");
      await expect(
        withTransaction(db, async (c) => {
          await c.query(`INSERT INTO ${table} VALUES (2)`);
          throw new Error("changed my mind");
        }),
      ).rejects.toThrow("changed my mind");
      // A failed statement inside: the error goes on, nothing of it stays.
      await expect(
        withTransaction(db, async (c) => {
          await c.query(`INSERT INTO ${table} VALUES (3)`);
          await c.query("SELECT * FROM no_such_table_here");
        }),
      ).rejects.toThrow(/no_such_table_here/);
      expect((await db.query(`SELECT n FROM ${table} ORDER BY n`)).rows).toEqual([{ n: 1 }]);
      // Every client went back: the two-client pool still serves two at once.
      expect(db.totalCount - db.idleCount).toBe(0);
    } finally {
      await db.query(`DROP TABLE ${table}`);
    }
  });
});
