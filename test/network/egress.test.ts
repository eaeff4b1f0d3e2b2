/**
 * Outbound network of functions, end to end through a real server: allowed connections reach
 * servers in a network the test makes itself (test/network/testnet.ts), every always-denied kind
 * of address is refused at once with a `[network] … denied: …` line, the per-function modes
 * (none, allow-list) hold, and every connection is stored in invocation_connections.
 * No traffic leaves the machine: allowed destinations are TEST-NET addresses inside the test's
 * namespace, refused ones are loopback or routed into it, and the sandboxes' resolver has no
 * upstream (names come from the data folder's sandbox-hosts file).
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { InvokeCommand, LogType } from "@aws-sdk/client-lambda";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as invocationLog } from "@/app/api/invocations/[requestId]/log/route";
import { updateFunctionConfiguration } from "@/lib/services/functions";
import {
  createTestNet,
  sinkArrivals,
  TEST_HOSTS,
  TEST_RESOLV_CONF,
  TESTNET,
  type TestNet,
} from "@/test/network/testnet";
import { deployFunction, enc, testDatabaseUrl, testServer } from "@/test/server";

const dataDir = mkdtempSync(path.join(os.tmpdir(), "nimbus-egress-"));
writeFileSync(path.join(dataDir, "sandbox-hosts"), TEST_HOSTS);
writeFileSync(path.join(dataDir, "sandbox-resolv.conf"), TEST_RESOLV_CONF);

let net: TestNet;
// Before the server starts, so the host's end of the veth is among the host's addresses from the first sandbox.
beforeAll(async () => {
  net = await createTestNet();
});
afterAll(() => net?.close());
const t = testServer({ NIMBUS_DATA_DIR: dataDir });

/** Each target: a URL to fetch, or a host and port to open a TCP connection to (and say "ping" on). */
const PROBE = `import net from "node:net";
const tcp = (host, port) => new Promise((resolve) => {
  const s = net.connect({ host, port });
  s.setTimeout(1000, () => { s.destroy(); resolve({ ok: false, code: "TIMEOUT" }); });
  s.once("connect", () => { s.write("ping"); s.once("data", (d) => { s.end(); resolve({ ok: true, reply: String(d) }); }); });
  s.once("error", (e) => resolve({ ok: false, code: e.code }));
});
const get = async (url) => {
  try { const r = await fetch(url, { signal: AbortSignal.timeout(2000) }); return { ok: true, reply: await r.text() }; }
  catch (e) { return { ok: false, code: e.cause?.code ?? e.name }; }
};
export const handler = async (targets) => {
  const out = {};
  for (const [k, x] of Object.entries(targets)) out[k] = x.url ? await get(x.url) : await tcp(x.host, x.port);
  return out;
};`;

type Result = Record<string, { ok: boolean; code?: string; reply?: string }>;
type Target = { url: string } | { host: string; port: number };

async function probe(
  name: string,
  targets: Record<string, Target>,
): Promise<{ out: Result; log: string; requestId: string }> {
  const r = await t.lambda.send(
    new InvokeCommand({ FunctionName: name, Payload: enc(targets), LogType: LogType.Tail }),
  );
  const text = new TextDecoder().decode(r.Payload);
  expect(r.FunctionError, text).toBeUndefined();
  return {
    out: JSON.parse(text) as Result,
    log: Buffer.from(r.LogResult ?? "", "base64").toString("utf8"),
    requestId: r.$metadata.requestId ?? "",
  };
}

async function stored(name: string) {
  const db = new pg.Client({ connectionString: testDatabaseUrl() });
  await db.connect();
  try {
    const q = `SELECT c.host, c.address, c.port, c.allowed, c.reason, c."bytesOut"::int AS "bytesOut",
      c."bytesIn"::int AS "bytesIn" FROM invocation_connections c JOIN functions f ON f.id = c."functionId"
      WHERE f.name = $1 ORDER BY c.ts`;
    return (await db.query(q, [name])).rows as Array<{
      host: string;
      address: string | null;
      port: number;
      allowed: boolean;
      reason: string | null;
      bytesOut: number;
      bytesIn: number;
    }>;
  } finally {
    await db.end();
  }
}

/** The setting must reach the executor: the resolver puts it on the function's spec. */
async function expectSpecEgress(name: string, egress: { mode: string; allow: string[] }) {
  const { spec } = await t.srv.platform.invoker.resolve(name);
  expect(
    spec.egress,
    "lib/invoke/resolver.ts must put the function's egressMode/egressAllow on its FunctionSpec",
  ).toEqual(egress);
}

const hostInterfaceAddress = () =>
  Object.values(os.networkInterfaces())
    .flat()
    .find((i) => i && !i.internal && i.family === "IPv4" && i.address !== TESTNET.hostIp)?.address ?? TESTNET.hostIp;

describe("outbound network", () => {
  it("is filtered internet on this server, and says so", async () => {
    const health = (await (await fetch(`${t.srv.url}/api/health`)).json()) as {
      executor: { network: { mode: string; reason: string }; isolation: { layers: string[] } };
    };
    expect(health.executor.network.mode, health.executor.network.reason).toBe("internet (filtered)");
    expect(health.executor.isolation.layers.join()).toMatch(/outbound network filtered/);
  });

  it("reaches servers outside by address and by name: fetch and raw TCP, recorded with their bytes", async () => {
    const name = await deployFunction(t.lambda, PROBE, { timeout: 15 });
    const { out } = await probe(name, {
      fetchByAddress: { url: `http://${TESTNET.serverIp}:${TESTNET.httpPort}/a` },
      fetchByName: { url: `http://svc.nimbus.test:${TESTNET.httpPort}/b` },
      tcpByAddress: { host: TESTNET.serverIp, port: TESTNET.tcpPort },
      tcpByName: { host: "svc.nimbus.test", port: TESTNET.tcpPort },
    });
    expect(out).toEqual({
      fetchByAddress: { ok: true, reply: "hello from the test net /a" },
      fetchByName: { ok: true, reply: "hello from the test net /b" },
      tcpByAddress: { ok: true, reply: "echo:ping" },
      tcpByName: { ok: true, reply: "echo:ping" },
    });
    await expect.poll(async () => (await stored(name)).length, { timeout: 5000 }).toBe(4);
    const rows = await stored(name);
    for (const r of rows) {
      expect(r).toMatchObject({ address: TESTNET.serverIp, allowed: true, reason: null });
      expect(r.bytesOut).toBeGreaterThan(0);
      expect(r.bytesIn).toBeGreaterThan(0);
    }
    expect(rows.map((r) => r.host).sort()).toEqual([
      TESTNET.serverIp,
      TESTNET.serverIp,
      "svc.nimbus.test",
      "svc.nimbus.test",
    ]);
  });

  it("records a TLS connection as tls (the instance asks the socket; it does not load node:tls to check)", async () => {
    const TLS = `import tls from "node:tls";
export const handler = async ({ host, port }) => new Promise((resolve) => {
  const s = tls.connect({ host, port, servername: "svc.nimbus.test" });
  s.setTimeout(1000, () => { s.destroy(); resolve("timeout"); });
  s.once("error", (e) => resolve(e.code ?? "error"));
  s.once("secureConnect", () => { s.end(); resolve("secure"); });
});`;
    const name = await deployFunction(t.lambda, TLS, { timeout: 15 });
    // The test net's TCP server speaks no TLS: the handshake fails, the connection was made and is recorded.
    const r = await t.lambda.send(
      new InvokeCommand({ FunctionName: name, Payload: enc({ host: TESTNET.serverIp, port: TESTNET.tcpPort }) }),
    );
    expect(r.FunctionError).toBeUndefined();
    const db = new pg.Client({ connectionString: testDatabaseUrl() });
    await db.connect();
    try {
      const q = `SELECT c.protocol, c.address FROM invocation_connections c JOIN functions f ON f.id = c."functionId"
        WHERE f.name = $1`;
      await expect
        .poll(async () => (await db.query(q, [name])).rows, { timeout: 5000 })
        .toEqual([{ protocol: "tls", address: TESTNET.serverIp }]);
    } finally {
      await db.end();
    }
  });

  it("refuses loopback, private, metadata, host and database addresses at once, whatever the name", async () => {
    const name = await deployFunction(t.lambda, PROBE, { timeout: 15 });
    const dbPort = Number(new URL(testDatabaseUrl()).port);
    const targets: Record<string, { host: string; port: number }> = {
      loopback: { host: "127.0.0.1", port: dbPort },
      loopbackV6: { host: "::1", port: t.srv.port },
      serverPort: { host: "127.0.0.1", port: t.srv.port },
      metadata: { host: TESTNET.metadataIp, port: 80 },
      private: { host: TESTNET.privateIp, port: TESTNET.tcpPort },
      privateByName: { host: "private.nimbus.test", port: TESTNET.tcpPort },
      hostVeth: { host: TESTNET.hostIp, port: t.srv.port },
      hostInterface: { host: hostInterfaceAddress(), port: t.srv.port },
      rebinding: { host: "rebind.nimbus.test", port: dbPort },
    };
    const { out, log, requestId } = await probe(name, targets);
    // Refused, not timed out: the rules reject (a TCP reset), they never drop.
    for (const k of Object.keys(targets)) expect(out[k], k).toEqual({ ok: false, code: "ECONNREFUSED" });
    for (const line of [
      `[network] connect 127.0.0.1:${dbPort} denied: loopback address`,
      `[network] connect ::1:${t.srv.port} denied: loopback address`,
      `[network] connect ${TESTNET.metadataIp}:80 denied: link-local or metadata address`,
      `[network] connect ${TESTNET.privateIp}:${TESTNET.tcpPort} denied: private address`,
      `[network] connect private.nimbus.test (${TESTNET.privateIp}):${TESTNET.tcpPort} denied: private address`,
      `[network] connect ${TESTNET.hostIp}:${t.srv.port} denied: address of this host`,
      `[network] connect rebind.nimbus.test (127.0.0.1):${dbPort} denied: loopback address`,
    ])
      expect(log).toContain(line);
    expect(sinkArrivals(net)).toEqual([]);
    await expect.poll(async () => (await stored(name)).length, { timeout: 5000 }).toBe(Object.keys(targets).length);
    const rows = await stored(name);
    expect(rows.every((r) => !r.allowed)).toBe(true);
    expect(rows.find((r) => r.host === "rebind.nimbus.test")).toMatchObject({
      address: "127.0.0.1",
      reason: "loopback address",
    });
    expect(rows.find((r) => r.host === TESTNET.metadataIp)?.reason).toBe("link-local or metadata address");
    // The console shows them with the invocation's log.
    await t.srv.platform.writer.flush();
    const res = await invocationLog(new Request(`http://localhost/api/invocations/${requestId}/log`), {
      params: Promise.resolve({ requestId }),
    });
    const body = (await res.json()) as { connections: { total: number; items: Array<{ allowed: boolean }> } };
    expect(res.status, JSON.stringify(body)).toBe(200);
    expect(body.connections.total).toBe(Object.keys(targets).length);
    expect(body.connections.items.every((c) => !c.allowed)).toBe(true);
  });

  it("egress none: nothing leaves, with a clear error and line", async () => {
    const name = await deployFunction(t.lambda, PROBE, { timeout: 15 });
    await updateFunctionConfiguration(t.srv.platform.services, name, { egressMode: "none" });
    await expectSpecEgress(name, { mode: "none", allow: [] });
    const { out, log } = await probe(name, {
      tcp: { host: TESTNET.serverIp, port: TESTNET.tcpPort },
      byName: { host: "svc.nimbus.test", port: TESTNET.tcpPort },
    });
    expect(out.tcp).toEqual({ ok: false, code: "ENETUNREACH" });
    expect(out.byName?.ok).toBe(false);
    expect(log).toContain(
      `[network] connect ${TESTNET.serverIp}:${TESTNET.tcpPort} denied: no outbound network (this function's egress setting is none)`,
    );
    await expect.poll(async () => (await stored(name)).length, { timeout: 5000 }).toBe(2);
    expect((await stored(name)).every((r) => !r.allowed && /egress setting is none/.test(r.reason ?? ""))).toBe(true);
  });

  it("egress allow-list: allowed names work, other names and addresses are refused", async () => {
    const name = await deployFunction(t.lambda, PROBE, { timeout: 15 });
    await updateFunctionConfiguration(t.srv.platform.services, name, {
      egressMode: "allow-list",
      egressAllow: ["svc.nimbus.test"],
    });
    await expectSpecEgress(name, { mode: "allow-list", allow: ["svc.nimbus.test"] });
    const { out, log } = await probe(name, {
      allowed: { url: `http://svc.nimbus.test:${TESTNET.httpPort}/c` },
      allowedTcp: { host: "svc.nimbus.test", port: TESTNET.tcpPort },
      otherName: { host: "other.nimbus.test", port: TESTNET.tcpPort },
      otherAddress: { host: TESTNET.otherIp, port: TESTNET.tcpPort },
      private: { host: TESTNET.privateIp, port: TESTNET.tcpPort },
    });
    expect(out.allowed).toEqual({ ok: true, reply: "hello from the test net /c" });
    expect(out.allowedTcp).toEqual({ ok: true, reply: "echo:ping" });
    expect(out.otherName).toEqual({ ok: false, code: "ENOTFOUND" });
    expect(out.otherAddress).toEqual({ ok: false, code: "ECONNREFUSED" });
    expect(out.private).toEqual({ ok: false, code: "ECONNREFUSED" });
    expect(log).toContain(`[network] connect other.nimbus.test:${TESTNET.tcpPort} denied: not in the allow list`);
    expect(log).toContain(`[network] connect ${TESTNET.otherIp}:${TESTNET.tcpPort} denied: not in the allow list`);
    expect(net.arrivals.filter((a) => a.startsWith(`${TESTNET.otherIp}:`))).toEqual([]);
    await expect.poll(async () => (await stored(name)).length, { timeout: 5000 }).toBe(5);
    const rows = await stored(name);
    expect(rows.filter((r) => r.allowed).map((r) => r.host)).toEqual(["svc.nimbus.test", "svc.nimbus.test"]);
  });

  it("refuses bad allow lists with a message naming the entry", async () => {
    const name = await deployFunction(t.lambda, PROBE);
    await expect(
      updateFunctionConfiguration(t.srv.platform.services, name, { egressAllow: ["http://example.com/"] }),
    ).rejects.toThrow(/egressAllow: "http:\/\/example.com\/" is not a host name/);
    await expect(
      updateFunctionConfiguration(t.srv.platform.services, name, {
        egressAllow: Array.from({ length: 51 }, (_, i) => `h${i}.example.com`),
      }),
    ).rejects.toThrow(/at most 50/);
    await expect(
      updateFunctionConfiguration(t.srv.platform.services, name, { egressMode: "intranet" as "none" }),
    ).rejects.toThrow(/egressMode must be internet, none or allow-list/);
  });
});
