/**
 * The network namespaces of sandboxes, made and removed by the spawner (a small process, so
 * the `ip`/`nft`/`pasta` execs never fork the server). Per sandbox, before it starts:
 *   ip netns add <ns>  →  nftables rules inside it  →  its resolver
 * then, while it boots, pasta attached to it; after it exits: resolver closed, pasta stopped,
 * `ip netns del`. "isolated" namespaces
 * (egress none without bubblewrap) get no pasta and no resolver: only their own loopback.
 * Names carry the server's pid, so a later server removes what a killed one left behind and
 * leaves a live one's alone. The host's addresses are denied by value; when they change (an
 * interface comes up), every live namespace's deny sets are rewritten.
 */
import { execFile, execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { hostAddresses } from "@/lib/executor/network/host-addresses";
import { normalizeAddress } from "@/lib/executor/network/ranges";
import { nameservers, parseHosts, SandboxResolver } from "@/lib/executor/network/resolver";
import { allowAddresses, refreshDeny, sandboxRuleset } from "@/lib/executor/network/ruleset";
import { NET_TOOLS, nsPath, type NetSpec } from "@/lib/executor/network/spec";

interface Live {
  spec: NetSpec;
  resolver: SandboxResolver | null;
  pastaPid: number | null;
  /** Addresses already opened (allow-list mode). */
  opened: Set<string>;
}

function run(cmd: string, args: string[], input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(cmd, args, { timeout: 10_000 }, (err, stdout, stderr) => {
      if (err)
        reject(new Error(`${path.basename(cmd)} ${args.slice(0, 3).join(" ")}: ${stderr.trim() || err.message}`));
      else resolve(stdout);
    });
    if (input !== undefined) child.stdin?.end(input);
  });
}

const nft = (ns: string, rules: string) =>
  run(NET_TOOLS.nsenter, [`--net=${nsPath(ns)}`, NET_TOOLS.nft, "-f", "-"], rules);

export class SandboxNetworks {
  private readonly live = new Map<string, Live>();
  private hostKey = "";
  private watch: NodeJS.Timeout | null = null;

  constructor(
    /** Told which addresses a sandbox's resolver opened (the supervisor words refusals by them). */
    private readonly onOpened: (sandboxId: string, addresses: string[]) => void,
    private readonly log: (m: string) => void,
  ) {}

  get size(): number {
    return this.live.size;
  }

  /**
   * What must be in place before the sandbox starts: the namespace and its rules (so not one
   * packet leaves unfiltered), and its resolver. Throws, having undone its part, if a step fails.
   */
  async prepare(id: string, spec: NetSpec): Promise<void> {
    const entry: Live = { spec, resolver: null, pastaPid: null, opened: new Set() };
    this.live.set(id, entry);
    try {
      await run(NET_TOOLS.ip, ["netns", "add", spec.ns]);
      if (spec.mode === "isolated") {
        await run(NET_TOOLS.ip, ["-n", spec.ns, "link", "set", "lo", "up"]);
        return;
      }
      const deny = [...hostAddresses(), ...spec.deny];
      const literal = spec.mode === "allow-list" ? spec.allow.filter((a) => net.isIP(a) !== 0) : [];
      const allowList = spec.mode === "allow-list";
      await nft(spec.ns, sandboxRuleset({ extraDeny: deny, allowList, allowAddresses: literal }));
      entry.resolver = await SandboxResolver.start({
        allow: allowList ? spec.allow : null,
        hosts: readHosts(spec.hostsFile),
        upstream: upstreamOf(spec.resolvConf),
        onAnswered: (addresses) => this.open(id, entry, addresses),
      });
      this.watchHostAddresses();
    } catch (err) {
      await this.teardown(id);
      throw err;
    }
  }

  /**
   * Attaches pasta (≈25 ms here): done while the sandbox boots, which needs no network until the
   * supervisor hands it its function — and it waits for this first.
   */
  async connect(id: string): Promise<void> {
    const entry = this.live.get(id);
    if (!entry?.resolver) return; // isolated: only its loopback
    const { spec } = entry;
    const pidFile = path.join(spec.runDir, `${spec.ns}.pid`);
    const port = String(entry.resolver.port);
    // No port forwarding but DNS, no mapping of the gateway to the host's loopback (pasta's
    // default would expose every loopback port of the host), no DHCP/RA/ICMP handlers.
    await run(NET_TOOLS.pasta, [
      "--config-net",
      "--quiet",
      "--runas",
      "0",
      "--netns",
      nsPath(spec.ns),
      "--no-map-gw",
      "-t",
      "none",
      "-u",
      "none",
      "-T",
      `53:${port}`,
      "-U",
      `53:${port}`,
      "--no-dhcp",
      "--no-dhcpv6",
      "--no-icmp",
      "-P",
      pidFile,
    ]);
    entry.pastaPid = Number(readText(pidFile).trim()) || null;
    rmSync(pidFile, { force: true });
    // Torn down meanwhile (the sandbox died): this pasta is the last of it.
    if (!this.live.has(id) && entry.pastaPid) kill(entry.pastaPid);
  }

  private async open(id: string, entry: Live, addresses: string[]): Promise<void> {
    const fresh = addresses.filter((a) => !entry.opened.has(a));
    if (!fresh.length) return;
    await nft(entry.spec.ns, allowAddresses(fresh));
    for (const a of fresh) entry.opened.add(a);
    this.onOpened(id, fresh.map(normalizeAddress)); // spelt as the supervisor spells addresses
  }

  async teardown(id: string): Promise<void> {
    const entry = this.live.get(id);
    if (!entry) return;
    this.live.delete(id);
    entry.resolver?.close();
    if (entry.pastaPid) kill(entry.pastaPid);
    await run(NET_TOOLS.ip, ["netns", "del", entry.spec.ns]).catch((e: Error) => this.log(e.message));
    if (!this.live.size && this.watch) {
      clearInterval(this.watch);
      this.watch = null;
    }
  }

  /** At exit, when nothing may be awaited. */
  teardownAllSync(): void {
    for (const entry of this.live.values()) {
      entry.resolver?.close();
      if (entry.pastaPid) kill(entry.pastaPid);
      try {
        // /run/netns/<ns> is a bind mount of the namespace; unmounting and removing it is `ip netns del`.
        execFileSync(NET_TOOLS.ip, ["netns", "del", entry.spec.ns], { stdio: "ignore" });
      } catch {
        /* gone already */
      }
    }
    this.live.clear();
  }

  /** Removes namespaces left by servers that are no longer running (a SIGKILLed one cleans nothing). */
  async removeLeftovers(): Promise<number> {
    if (!existsSync("/run/netns")) return 0;
    let removed = 0;
    for (const name of readdirSync("/run/netns")) {
      const m = /^nimbus-(\d+)-/.exec(name);
      if (!m || processAlive(Number(m[1]))) continue;
      await run(NET_TOOLS.ip, ["netns", "del", name]).then(
        () => removed++,
        (e: Error) => this.log(e.message),
      );
    }
    return removed;
  }

  /** The host's addresses are denied by value: follow them while any namespace lives. */
  private watchHostAddresses(): void {
    if (this.watch) return;
    this.hostKey = hostAddresses().join(",");
    this.watch = setInterval(() => {
      const now = hostAddresses();
      const key = now.join(",");
      if (key === this.hostKey) return;
      this.hostKey = key;
      for (const e of this.live.values())
        if (e.spec.mode !== "isolated")
          nft(e.spec.ns, refreshDeny([...now, ...e.spec.deny])).catch((err: Error) => this.log(err.message));
    }, 2000);
    this.watch.unref();
  }
}

function kill(pid: number): void {
  try {
    process.kill(pid, "SIGTERM");
  } catch {
    /* gone */
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readText(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return "";
  }
}

/** The operator's resolv.conf for sandboxes when there is one (it may list no nameserver at all), else the host's. */
function upstreamOf(file: string | undefined): string[] {
  return nameservers(file && existsSync(file) ? readText(file) : readText("/etc/resolv.conf"));
}

function readHosts(file: string | undefined): Map<string, string[]> {
  return file ? parseHosts(readText(file)) : new Map();
}
