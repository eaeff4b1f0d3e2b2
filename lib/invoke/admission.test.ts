import { afterAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { Admission } from "@/lib/invoke/admission";
import { PgLeaseStore } from "@/lib/invoke/leases";
import { testDatabaseUrl } from "@/test/server";

// Two or more Admissions on one database and cluster name are two servers of one cluster.
const db = new pg.Pool({ connectionString: testDatabaseUrl(), max: 4 });
afterAll(() => db.end());

function server(cluster: string, accountLimit = 10, ttlSeconds = 5) {
  return new Admission({
    accountLimit,
    store: new PgLeaseStore(db, randomUUID(), ttlSeconds),
    cluster,
    renewEveryMs: 1000,
  });
}
const cluster = () => `t-${randomUUID().slice(0, 8)}`;
const reason = (r: string) => expect.objectContaining({ code: "TooManyRequestsException", fields: { Reason: r } });
const RESERVED = "ReservedFunctionConcurrentInvocationLimitExceeded";

describe("admission", () => {
  it("throttles a function at its reservation; within its share it answers without the database", async () => {
    const a = server(cluster());
    a.setTotalReserved(2);
    const r1 = await a.acquire("f", 2);
    // The first ask took the whole reservation (2 < the first ask of 4): the second is answered at once.
    const r2 = a.acquire("f", 2);
    expect(typeof r2).toBe("function");
    expect(() => a.acquire("f", 2)).toThrow(reason(RESERVED));
    r1();
    r1(); // releasing twice is harmless
    expect(typeof a.acquire("f", 2)).toBe("function");
    expect(a.running).toBe(2);
    await a.close();
  });

  it("admits a burst past one ask's grant: twenty at once under a limit of 100 all run", async () => {
    const a = server(cluster(), 100);
    const slots = await Promise.all(Array.from({ length: 20 }, () => a.acquire("f", null)));
    expect(slots.every((r) => typeof r === "function")).toBe(true);
    expect(a.running).toBe(20);
    await a.close();
  });

  it("always throttles reserved concurrency 0", () => {
    expect(() => server(cluster()).acquire("f", 0)).toThrow(/Rate Exceeded/);
  });

  it("shares the account limit minus reservations among the rest", async () => {
    const a = server(cluster(), 3);
    a.setTotalReserved(1);
    await a.acquire("x", null);
    const release = await a.acquire("y", null);
    await expect(async () => a.acquire("z", null)).rejects.toEqual(reason("ConcurrentInvocationLimitExceeded"));
    release();
    expect(a.running).toBe(1);
    await a.close();
  });

  it("holds a reservation across servers; idle slots go where they are wanted at the next renewal", async () => {
    const name = cluster();
    const [a, b] = [server(name), server(name)];
    const held = [await a.acquire("f", 2), await a.acquire("f", 2)];
    await expect(async () => b.acquire("f", 2)).rejects.toEqual(reason(RESERVED));
    held[0]!();
    // A's share is still 2 (nobody is told at release) …
    await new Promise((r) => setTimeout(r, 120)); // past B's retry pause
    await expect(async () => b.acquire("f", 2)).rejects.toEqual(reason(RESERVED));
    // … until A renews, sees that B wanted more, and gives back the idle slot.
    await a.renew();
    await a.renew();
    expect(a.shares()["fn:f"]).toEqual({ inUse: 1, slots: 1 });
    await new Promise((r) => setTimeout(r, 120));
    const fromB = await b.acquire("f", 2);
    expect(b.shares()["fn:f"]).toMatchObject({ inUse: 1, slots: 1 });
    await expect(async () => a.acquire("f", 2)).rejects.toEqual(reason(RESERVED));
    fromB();
    held[1]!();
    await Promise.all([a.close(), b.close()]);
  });

  it("frees a dead server's share when its lease runs out", async () => {
    const name = cluster();
    const dead = server(name, 10, 2);
    await dead.acquire("f", 1); // never released, never renewed: the server "died"
    const b = server(name, 10, 2);
    await expect(async () => b.acquire("f", 1)).rejects.toEqual(reason(RESERVED));
    await new Promise((r) => setTimeout(r, 2100));
    expect(typeof (await b.acquire("f", 1))).toBe("function");
    await b.close();
  });

  it("counts locally while the database is down, and asks again once it is back", async () => {
    let up = false;
    const a = new Admission({
      accountLimit: 10,
      store: new PgLeaseStore(db, randomUUID(), 5),
      cluster: cluster(),
      renewEveryMs: 1000,
      databaseUp: () => up,
    });
    const local = [await a.acquire("f", 2), await a.acquire("f", 2)];
    expect(() => a.acquire("f", 2)).toThrow(reason(RESERVED));
    up = true;
    await a.renew(); // no share in the database: the local one is dropped
    expect(a.shares()["fn:f"]).toEqual({ inUse: 2, slots: 0 });
    for (const r of local) r();
    expect(typeof (await a.acquire("f", 2))).toBe("function");
    expect(a.shares()["fn:f"]!.slots).toBe(2);
    await a.close();
  });
});
