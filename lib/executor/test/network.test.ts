import { afterAll, describe, expect, it } from "vitest";
import type { ConnectionRecord } from "@/lib/executor/types";
import { invoke, json, makeSupervisor, sandboxFilesForOwnUid, spec } from "@/lib/executor/test/helpers";

// Whatever this machine allows (filtered internet as root, none otherwise), loopback is refused and
// named; nothing here leaves the sandbox's own loopback.
const told: Array<{ functionId: string; rows: ConnectionRecord[] }> = [];
const sup = makeSupervisor({ onConnections: (functionId, _r, rows) => told.push({ functionId, rows }) });
afterAll(() => sup.shutdown(1000));

const CONNECT = `import net from "node:net";
const connect = (host, port) => new Promise((res) => {
  const s = net.connect({ host, port });
  s.once("connect", () => { s.destroy(); res("connected"); });
  s.once("error", (e) => res(e.code));
});`;

describe("connections of an invocation", () => {
  it("refuses loopback at once, says so in the log, and hands the rows over", async () => {
    const s = spec(`${CONNECT}
export const handler = async () => ({ v4: await connect("127.0.0.1", 5432), v6: await connect("::1", 5432) });`);
    const r = await invoke(sup, s);
    expect(json(r)).toEqual({ v4: "ECONNREFUSED", v6: "ECONNREFUSED" });
    const lines = r.logs.map((l) => l.message);
    expect(lines).toContain("[network] connect 127.0.0.1:5432 denied: loopback address");
    expect(lines).toContain("[network] connect ::1:5432 denied: loopback address");
    expect(r.connections).toMatchObject([
      { host: "127.0.0.1", address: "127.0.0.1", port: 5432, allowed: false, reason: "loopback address" },
      { host: "::1", address: "::1", port: 5432, allowed: false, reason: "loopback address" },
    ]);
    expect(told.find((t) => t.functionId === s.functionId)?.rows).toHaveLength(2);
  });

  it("keeps the sandbox's own loopback usable, and out of the records", async () => {
    const s = spec(`import net from "node:net";
export const handler = async () => {
  const server = net.createServer((c) => c.end("hi")).listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  const reply = await new Promise((res) => net.connect(server.address().port, "127.0.0.1").on("data", (d) => res(String(d))));
  server.close();
  return reply;
};`);
    const r = await invoke(sup, s);
    expect(json(r)).toBe("hi");
    expect(r.connections).toBeUndefined();
  });

  it("adds nothing to an invocation that opens no connection", async () => {
    const r = await invoke(sup, spec(`export const handler = async () => 1;`));
    expect(r.connections).toBeUndefined();
    expect(r.logs).toEqual([]);
  });

  it("bounds a flood: 100 rows, and a line for the rest", async () => {
    const s = spec(`${CONNECT}
export const handler = async () => { const all = []; for (let i = 0; i < 300; i++) all.push(connect("127.0.0.1", 1)); return (await Promise.all(all)).filter((c) => c === "ECONNREFUSED").length; };`);
    const r = await invoke(sup, s);
    expect(json(r)).toBe(300);
    expect(r.connections).toHaveLength(100);
    expect(r.connectionsDropped).toBe(200);
    expect(r.logs.at(-1)?.message).toMatch(/200 more connection\(s\) were not recorded/);
  });
});

describe("without bubblewrap", () => {
  const bare = makeSupervisor({ isolation: { mode: "no-bubblewrap" }, ...sandboxFilesForOwnUid() });
  afterAll(() => bare.shutdown(1000));

  it("as root, still keeps sandboxes off the host's network (a namespace of their own)", async () => {
    const network = bare.stats().network;
    if (process.getuid?.() !== 0) {
      expect(network.mode).toBe("host (unfiltered)");
      return;
    }
    expect(network.mode).toBe("none");
    const dbPort = Number(new URL(process.env.NIMBUS_TEST_DATABASE_URL ?? "postgresql://x@127.0.0.1:5432/x").port);
    const r = await invoke(
      bare,
      spec(`${CONNECT}\nexport const handler = async () => connect("127.0.0.1", ${dbPort});`),
    );
    expect(json(r)).toBe("ECONNREFUSED");
    expect(r.logs.map((l) => l.message)).toContain(`[network] connect 127.0.0.1:${dbPort} denied: loopback address`);
  });
});
