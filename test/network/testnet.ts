/**
 * A network of the test's own for the egress tests: a namespace joined to the host by a veth pair,
 * TEST-NET addresses on it (198.51.100.7 and .8 serving, 198.51.100.1 the host's end), an HTTP
 * and a TCP echo server inside, and — so that a filter bug could never send a packet off this
 * machine — the addresses tests expect to be refused (10.250.0.7, 10.0.0.1, 169.254.169.254)
 * routed into it too, with a listener that notes every connection that arrives there.
 * Needs root and iproute2; `requireNetworkTools` says clearly what is missing.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";

export const TESTNET = {
  hostIp: "198.51.100.1",
  serverIp: "198.51.100.7",
  otherIp: "198.51.100.8",
  privateIp: "10.250.0.7",
  outsideIp: "10.0.0.1",
  metadataIp: "169.254.169.254",
  httpPort: 8080,
  tcpPort: 9000,
} as const;

/** Addresses routed into the test namespace: connections to them must never arrive. */
const SINKS = [TESTNET.privateIp, TESTNET.outsideIp, TESTNET.metadataIp];

export interface TestNet {
  ns: string;
  /** "address:port" of every connection accepted inside, in order. */
  arrivals: string[];
  close(): void;
}

/** Throws, naming what is missing, unless this machine can run the egress tests (CI can). */
export function requireNetworkTools(): void {
  const missing: string[] = [];
  if (process.getuid?.() !== 0) missing.push("root");
  for (const tool of ["/usr/sbin/ip", "/usr/sbin/nft", "/usr/bin/pasta", "/usr/bin/nsenter", "/usr/bin/bwrap"])
    if (!existsSync(tool)) missing.push(tool);
  if (missing.length)
    throw new Error(
      `the outbound-network tests need ${missing.join(", ")} (CI runs as root; .ci/run installs ` +
        "nftables, passt, iproute2 and bubblewrap). They fail rather than skip: the filter must be proved.",
    );
}

const ip = (...args: string[]) => execFileSync("/usr/sbin/ip", args, { stdio: ["ignore", "ignore", "pipe"] });

const SERVER = `
const net = require("node:net"), http = require("node:http");
const note = (s) => process.stdout.write("conn " + s.localAddress + ":" + s.localPort + "\\n");
const h = http.createServer((req, res) => res.end("hello from the test net " + req.url));
h.on("connection", note);
h.listen(${TESTNET.httpPort}, "0.0.0.0");
const e = net.createServer((c) => { note(c); c.on("data", (d) => c.write("echo:" + d)); c.on("error", () => {}); });
e.listen(${TESTNET.tcpPort}, "0.0.0.0");
const sink = net.createServer((c) => { note(c); c.destroy(); });
sink.listen(80, "0.0.0.0", () => process.stdout.write("ready\\n"));
`;

export async function createTestNet(): Promise<TestNet> {
  requireNetworkTools();
  const tag = String(process.pid % 100000);
  const ns = `nbtest-${tag}`;
  const hostEnd = `nbh${tag}`;
  const inside = `nbs${tag}`;
  let server: ChildProcess | null = null;
  const close = () => {
    server?.kill("SIGKILL");
    // Removing the host's end of the veth pair removes both ends and every route through them at
    // once (the namespace itself may outlive its name for a moment, while its last process exits).
    for (const args of [
      ["link", "del", hostEnd],
      ["netns", "del", ns],
    ]) {
      try {
        ip(...args);
      } catch {
        /* not made, or gone already */
      }
    }
  };
  try {
    ip("netns", "add", ns);
    ip("link", "add", hostEnd, "type", "veth", "peer", "name", inside);
    ip("link", "set", inside, "netns", ns);
    ip("addr", "add", `${TESTNET.hostIp}/24`, "dev", hostEnd);
    ip("link", "set", hostEnd, "up");
    for (const a of [`${TESTNET.serverIp}/24`, `${TESTNET.otherIp}/24`, ...SINKS.map((s) => `${s}/32`)])
      ip("-n", ns, "addr", "add", a, "dev", inside);
    ip("-n", ns, "link", "set", inside, "up");
    ip("-n", ns, "link", "set", "lo", "up");
    ip("-n", ns, "route", "add", "default", "via", TESTNET.hostIp);
    for (const s of SINKS) ip("route", "add", `${s}/32`, "via", TESTNET.serverIp, "dev", hostEnd);
    const arrivals: string[] = [];
    server = spawn("/usr/sbin/ip", ["netns", "exec", ns, process.execPath, "-e", SERVER], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    const child = server;
    await new Promise<void>((resolve, reject) => {
      let buf = "";
      child.stdout!.on("data", (c: Buffer) => {
        buf += c.toString();
        for (let i = buf.indexOf("\n"); i >= 0; i = buf.indexOf("\n")) {
          const line = buf.slice(0, i);
          buf = buf.slice(i + 1);
          if (line === "ready") resolve();
          else if (line.startsWith("conn ")) arrivals.push(line.slice(5));
        }
      });
      child.once("exit", (code) => reject(new Error(`the test net's server exited (${code})`)));
    });
    return { ns, arrivals, close };
  } catch (err) {
    close();
    throw new Error(`could not make the test network: ${(err as Error).message}`);
  }
}

/** Arrivals at addresses that must have been refused before they left the sandbox. */
export function sinkArrivals(net: TestNet): string[] {
  return net.arrivals.filter((a) => SINKS.some((s) => a.startsWith(`${s}:`)));
}

/** The sandbox-hosts file tests give their server: names for the test net, and a rebinding one. */
export const TEST_HOSTS = [
  `${TESTNET.serverIp} svc.nimbus.test`,
  `${TESTNET.serverIp} other.nimbus.test`,
  "127.0.0.1 rebind.nimbus.test",
  `${TESTNET.privateIp} private.nimbus.test`,
  "",
].join("\n");

/** No upstream resolver at all: a name missing from TEST_HOSTS fails inside the machine. */
export const TEST_RESOLV_CONF = "# tests: no upstream resolver, no query leaves this machine\n";
