/**
 * Hostile functions that go for the network: the host's and the sandbox's loopback, PostgreSQL
 * and the server's own port, the cloud metadata address, the host's interface addresses, a name
 * that resolves to 127.0.0.1 (rebinding), and a flood of connections. Each must be refused at
 * once (never a hang), named in a `[network] … denied: …` line, and leave the platform serving.
 * Nothing here can leave the machine: every destination is loopback, the host itself, or an
 * address the suite routes into a namespace of its own (test/network/testnet.ts).
 */
import type { Attack, Expect, Outcome, Target } from "@/test/hostile/attacks";

const CONNECT = `import net from "node:net";
const connect = (host, port) => new Promise((res) => {
  const s = net.connect({ host, port });
  s.setTimeout(1500, () => { s.destroy(); res({ ok: false, code: "TIMEOUT" }); });
  s.once("connect", () => { s.destroy(); res({ ok: true }); });
  s.once("error", (e) => res({ ok: false, code: e.code }));
});`;

export function networkAttacks(expect: Expect, noLeak: (o: Outcome, t: Target) => void): Attack[] {
  /** Every probe refused, none timed out, and the log names the refusals. */
  const refusedAtOnce =
    (...lines: RegExp[]) =>
    (o: Outcome, t: Target) => {
      noLeak(o, t);
      expect(o.functionError === null, `the probe itself should run (got ${o.errorType}: ${JSON.stringify(o.body)})`);
      for (const [k, r] of Object.entries(o.body as Record<string, { ok: boolean; code?: string }>)) {
        expect(r.ok === false, `${k} should have been refused, got ${JSON.stringify(r)}`);
        expect(r.code !== "TIMEOUT", `${k} hung instead of failing at once`);
      }
      for (const line of lines) expect(line.test(o.logTail), `the log should say ${line}: ${o.logTail.slice(-600)}`);
    };

  return [
    {
      name: "connects out to loopback, the database, the server, metadata and the host's addresses",
      code: `${CONNECT}
export const handler = async (t) => ({
  db: await connect("127.0.0.1", t.dbPort),
  dbV6: await connect("::1", t.dbPort),
  server: await connect("127.0.0.1", t.serverPort),
  serverV6: await connect("::1", t.serverPort),
  metadata: await connect("169.254.169.254", 80),
  hostAddress: await connect(t.hostAddress, t.serverPort),
  localhost: await connect("localhost", t.dbPort),
  rebinding: await connect("rebind.nimbus.test", t.dbPort),
  private: await connect("10.0.0.1", 80),
});`,
      timeoutSeconds: 20,
      check: refusedAtOnce(
        /\[network\] connect 127\.0\.0\.1:\d+ denied: loopback address/,
        /\[network\] connect 169\.254\.169\.254:80 denied: /,
        /\[network\] connect 10\.0\.0\.1:80 denied: /,
      ),
    },
    {
      name: "floods outbound connections",
      code: `${CONNECT}
export const handler = async (t) => {
  const codes = {};
  let opened = 0;
  for (let round = 0; round < 15; round++) {
    const batch = [];
    for (let i = 0; i < 200; i++) batch.push(connect(i % 2 ? "127.0.0.1" : "10.0.0.1", i % 2 ? t.dbPort : 80));
    for (const r of await Promise.all(batch)) { if (r.ok) opened++; else codes[r.code] = (codes[r.code] ?? 0) + 1; }
  }
  return { flood: { ok: opened > 0, code: Object.keys(codes).join(",") }, counts: { ok: false, code: JSON.stringify(codes) } };
};`,
      timeoutSeconds: 30,
      check: (o, t) => {
        refusedAtOnce(/\[network\] \d+ more connection\(s\) were not recorded/)(o, t);
        const flood = (o.body as { flood?: { code?: string } }).flood?.code ?? "";
        expect(!flood.includes("TIMEOUT"), `some of the flood hung: ${flood}`);
      },
    },
  ];
}
