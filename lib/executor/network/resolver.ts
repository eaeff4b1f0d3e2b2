/**
 * One sandbox's DNS resolver, run by the spawner on the host's loopback; pasta forwards the
 * sandbox's 127.0.0.1:53 (UDP and TCP) to it, so the port tells which sandbox asks. It answers
 * names from the operator's hosts table itself, and forwards everything else to the host's own
 * resolvers (which the sandbox could not reach: they are often on loopback or a private address).
 * In allow-list mode it answers allowed names only (NXDOMAIN for the rest, so nothing leaks out
 * through DNS either) and, before the answer leaves, opens the answered addresses in the
 * sandbox's nftables allow sets: the filter then decides on the address actually dialled.
 * Bounded: 200 queries a second and 32 in flight per sandbox, a short upstream timeout, 8 TCP clients.
 */
import dgram from "node:dgram";
import net from "node:net";
import { nameAllowed } from "@/lib/executor/network/allow";
import { answer, answerAddresses, RCODE, readQuery, type Question } from "@/lib/executor/network/dns-wire";

export interface ResolverOptions {
  /** Patterns of allow-list mode; null: every name is answered. */
  allow: string[] | null;
  /** Names answered here (lower case), e.g. from the operator's sandbox-hosts file. */
  hosts: ReadonlyMap<string, string[]>;
  /** The host's resolvers (addresses), asked in turn. */
  upstream: string[];
  /** Opens addresses for this sandbox; the answer waits for it. */
  onAnswered?: (addresses: string[]) => Promise<void>;
}

const MAX_IN_FLIGHT = 32;
/** Per sandbox: a function that floods its resolver must not flood the host's resolvers with it. */
const MAX_QUERIES_PER_SECOND = 200;
const MAX_TCP_CLIENTS = 8;
const UPSTREAM_TIMEOUT_MS = 2000;
const LOCALHOST = ["127.0.0.1", "::1"];

export class SandboxResolver {
  private inFlight = 0;
  private tcpClients = 0;
  private windowStart = 0;
  private windowCount = 0;
  private closed = false;

  private constructor(
    private readonly o: ResolverOptions,
    private readonly udp: dgram.Socket,
    private readonly tcp: net.Server,
    readonly port: number,
  ) {}

  /** Listens on 127.0.0.1 at one port for both UDP and TCP. */
  static async start(o: ResolverOptions): Promise<SandboxResolver> {
    for (let attempt = 0; ; attempt++) {
      const udp = dgram.createSocket("udp4");
      await new Promise<void>((res, rej) => {
        udp.once("error", rej);
        udp.bind(0, "127.0.0.1", () => res());
      });
      const port = udp.address().port;
      const tcp = net.createServer();
      try {
        await new Promise<void>((res, rej) => {
          tcp.once("error", rej);
          tcp.listen(port, "127.0.0.1", () => res());
        });
      } catch (err) {
        udp.close();
        if (attempt < 5) continue; // the TCP port of that number was taken
        throw err;
      }
      const r = new SandboxResolver(o, udp, tcp, port);
      r.serve();
      return r;
    }
  }

  private serve(): void {
    this.udp.on("error", () => {});
    this.udp.on("message", (msg, from) => {
      void this.handle(msg, "udp").then((reply) => {
        if (reply && !this.closed) this.udp.send(reply, from.port, from.address);
      });
    });
    this.tcp.on("connection", (c) => this.tcpClient(c));
  }

  private tcpClient(c: net.Socket): void {
    if (this.tcpClients >= MAX_TCP_CLIENTS) {
      c.destroy();
      return;
    }
    this.tcpClients++;
    c.on("close", () => this.tcpClients--);
    c.on("error", () => {});
    c.setTimeout(5000, () => c.destroy());
    let buf = Buffer.alloc(0);
    c.on("data", (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      if (buf.length > 70_000) c.destroy();
      while (buf.length >= 2 && buf.length >= 2 + buf.readUInt16BE(0)) {
        const msg = buf.subarray(2, 2 + buf.readUInt16BE(0));
        buf = buf.subarray(2 + msg.length);
        void this.handle(Buffer.from(msg), "tcp").then((reply) => {
          if (!reply || c.destroyed) return;
          const len = Buffer.alloc(2);
          len.writeUInt16BE(reply.length);
          c.write(Buffer.concat([len, reply]));
        });
      }
    });
  }

  /** The reply to one query, or null to stay silent (not a query at all). */
  async handle(msg: Buffer, via: "udp" | "tcp"): Promise<Buffer | null> {
    const q = readQuery(msg);
    if (!q) return null;
    const now = Date.now();
    if (now - this.windowStart >= 1000) {
      this.windowStart = now;
      this.windowCount = 0;
    }
    if (++this.windowCount > MAX_QUERIES_PER_SECOND) return answer(q, RCODE.REFUSED);
    if (this.inFlight >= MAX_IN_FLIGHT) return answer(q, RCODE.SERVFAIL);
    this.inFlight++;
    try {
      return await this.resolve(q, msg, via);
    } catch {
      return answer(q, RCODE.SERVFAIL);
    } finally {
      this.inFlight--;
    }
  }

  private async resolve(q: Question, msg: Buffer, via: "udp" | "tcp"): Promise<Buffer> {
    if (q.name === "localhost" || q.name.endsWith(".localhost")) return answer(q, RCODE.NOERROR, LOCALHOST);
    if (this.o.allow && !nameAllowed(q.name, this.o.allow)) return answer(q, RCODE.NXDOMAIN);
    const listed = this.o.hosts.get(q.name);
    if (listed) {
      if (this.o.allow) await this.o.onAnswered?.(listed);
      return answer(q, RCODE.NOERROR, listed);
    }
    for (const server of this.o.upstream) {
      const reply = await (via === "tcp" ? forwardTcp : forwardUdp)(server, msg, q.id).catch(() => null);
      if (!reply) continue;
      if (this.o.allow) {
        const parsed = answerAddresses(reply);
        if (!parsed) return answer(q, RCODE.SERVFAIL);
        if (parsed.addresses.length) await this.o.onAnswered?.(parsed.addresses);
      }
      return reply;
    }
    return answer(q, RCODE.SERVFAIL);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.udp.close();
    this.tcp.close();
  }
}

/** One query to one upstream over UDP, from a socket of its own (no id collisions between queries). */
function forwardUdp(server: string, msg: Buffer, id: number): Promise<Buffer | null> {
  return new Promise((resolve) => {
    const s = dgram.createSocket(net.isIPv6(server) ? "udp6" : "udp4");
    const done = (r: Buffer | null) => {
      clearTimeout(timer);
      s.close();
      resolve(r);
    };
    const timer = setTimeout(() => done(null), UPSTREAM_TIMEOUT_MS);
    s.on("error", () => done(null));
    s.on("message", (reply, from) => {
      if (from.address === server && reply.length >= 2 && reply.readUInt16BE(0) === id) done(reply);
    });
    s.send(msg, 53, server);
  });
}

function forwardTcp(server: string, msg: Buffer, id: number): Promise<Buffer | null> {
  return new Promise((resolve) => {
    const c = net.connect({ host: server, port: 53 });
    let buf = Buffer.alloc(0);
    const done = (r: Buffer | null) => {
      clearTimeout(timer);
      c.destroy();
      resolve(r);
    };
    const timer = setTimeout(() => done(null), UPSTREAM_TIMEOUT_MS);
    c.on("error", () => done(null));
    c.on("connect", () => {
      const len = Buffer.alloc(2);
      len.writeUInt16BE(msg.length);
      c.write(Buffer.concat([len, msg]));
    });
    c.on("data", (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      if (buf.length >= 2 && buf.length >= 2 + buf.readUInt16BE(0)) {
        const reply = buf.subarray(2, 2 + buf.readUInt16BE(0));
        done(reply.length >= 2 && reply.readUInt16BE(0) === id ? Buffer.from(reply) : null);
      }
    });
  });
}

/** Nameservers of a resolv.conf text. */
export function nameservers(resolvConf: string): string[] {
  const out: string[] = [];
  for (const line of resolvConf.split("\n")) {
    const m = /^\s*nameserver\s+(\S+)/.exec(line);
    if (m?.[1] && net.isIP(m[1].split("%")[0] ?? "")) out.push(m[1].split("%")[0]!);
  }
  return out;
}

/** A hosts-file text as name → addresses (lower-case names; comments and odd lines skipped). */
export function parseHosts(text: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const raw of text.split("\n")) {
    const [addr, ...names] = (raw.split("#")[0] ?? "").trim().split(/\s+/);
    if (!addr || !net.isIP(addr)) continue;
    for (const n of names) {
      const name = n.toLowerCase().replace(/\.$/, "");
      map.set(name, [...(map.get(name) ?? []), addr]);
    }
  }
  return map;
}
