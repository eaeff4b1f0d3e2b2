/**
 * The supervisor's network decisions, in one place: what this server can give (plan.ts), what a
 * sandbox of a given egress setting gets (a filtered namespace, an allow-list one, or none), which
 * sandboxes can share (pre-spawned ones have the default), and what its connections are judged by.
 */
import dns from "node:dns/promises";
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import type { IsolationPlan } from "@/lib/executor/isolation";
import { DEFAULT_EGRESS, type EgressSetting, egressKey } from "@/lib/executor/network/allow";
import { hostAddresses } from "@/lib/executor/network/host-addresses";
import { detectNetwork, type NetworkPlan, type NetworkSummary, networkSummary } from "@/lib/executor/network/plan";
import { normalizeAddress } from "@/lib/executor/network/ranges";
import type { EgressContext } from "@/lib/executor/network/records";
import { type NetSpec, nsName } from "@/lib/executor/network/spec";
import type { Logger } from "@/lib/log";

export interface NetworkOptions {
  /** "none": no outbound network for any sandbox on this server (default "auto": what the host allows). */
  mode?: "auto" | "none";
  /** A hosts-format file of extra names sandboxes resolve (read at each sandbox start, if it exists). */
  hostsFile?: string;
  /** A resolv.conf whose nameservers sandboxes' lookups go to (if it exists; else the host's). */
  resolvConf?: string;
  /** The database's host(s): their addresses are denied like the host's own. */
  databaseHosts?: string[];
}

// What a sandbox's /etc says: its resolver is 127.0.0.1:53, which pasta forwards to the spawner.
const RESOLV_CONF = "nameserver 127.0.0.1\noptions edns0 timeout:2 attempts:2\n";
const HOSTS = "127.0.0.1 localhost\n::1 localhost ip6-localhost ip6-loopback\n";
const NSSWITCH = "hosts: files dns\n";

export class EgressPlanner {
  readonly plan: NetworkPlan;
  /** The folder with the sandbox's /etc files (bubblewrap sandboxes only). */
  readonly etcDir: string | undefined;
  /** Resolves once the database's addresses are known (pre-spawned sandboxes wait for it). */
  readonly ready: Promise<void>;
  private readonly runDir: string;
  private readonly databaseAddresses = new Set<string>();
  private hostCache: { at: number; set: ReadonlySet<string> } = { at: 0, set: new Set() };

  constructor(
    iso: IsolationPlan,
    workDir: string,
    private readonly o: NetworkOptions,
    log: Logger,
  ) {
    this.plan = detectNetwork(iso, o.mode ?? "auto");
    const say = `sandbox network: ${this.plan.mode} — ${this.plan.reason}`;
    if (this.plan.mode === "internet (filtered)") log.info(say);
    else log.warn(say);
    if (iso.bubblewrap) {
      this.etcDir = path.join(workDir, "etc");
      mkdirSync(this.etcDir, { recursive: true, mode: 0o755 });
      chmodSync(this.etcDir, 0o755);
      for (const [name, text] of [
        ["resolv.conf", RESOLV_CONF],
        ["hosts", HOSTS],
        ["nsswitch.conf", NSSWITCH],
      ] as const)
        writeFileSync(path.join(this.etcDir, name), text, { mode: 0o644 });
    }
    this.runDir = path.join(workDir, "net");
    if (this.plan.namespaces) mkdirSync(this.runDir, { recursive: true, mode: 0o700 });
    this.ready = this.resolveDatabase(o.databaseHosts ?? []).catch((err: Error) =>
      log.warn(`could not resolve the database's host to deny it to sandboxes: ${err.message}`),
    );
  }

  private async resolveDatabase(hosts: string[]): Promise<void> {
    for (const h of hosts) {
      if (!h || h.startsWith("/")) continue; // a unix socket: no network address
      const bare = h.replace(/^\[|\]$/g, "");
      if (net.isIP(bare)) this.databaseAddresses.add(normalizeAddress(bare));
      else
        for (const a of await dns.lookup(bare, { all: true })) this.databaseAddresses.add(normalizeAddress(a.address));
    }
  }

  get summary(): NetworkSummary {
    return networkSummary(this.plan);
  }

  /** The setting a sandbox really gets here (without filtered network, every one is "none"). */
  effective(egress: EgressSetting | undefined): EgressSetting {
    if (this.plan.mode !== "internet (filtered)") return { mode: "none", allow: [] };
    return egress ?? DEFAULT_EGRESS;
  }

  /** Sandboxes whose settings have the same key can serve each other's functions (pre-spawned: the default). */
  key(egress: EgressSetting | undefined): string {
    return egressKey(this.effective(egress));
  }

  /** Whether a sandbox with this setting is like a pre-spawned one. */
  isDefault(egress: EgressSetting | undefined): boolean {
    return this.key(egress) === this.key(undefined);
  }

  /** The namespace (if any), /etc files and judging context of a new sandbox. */
  forSandbox(
    sandboxId: string,
    wanted: EgressSetting | undefined,
  ): { net?: NetSpec; etcDir?: string; egress: Omit<EgressContext, "opened"> } {
    const egress = this.effective(wanted);
    const networked = this.plan.mode === "internet (filtered)" && egress.mode !== "none";
    const egressContext = {
      egress,
      networked,
      noNetwork:
        this.plan.mode !== "internet (filtered)"
          ? "no outbound network on this server"
          : "no outbound network (this function's egress setting is none)",
      hostAddresses: () => this.hostAddresses(),
      databaseAddresses: this.databaseAddresses,
    };
    const etcDir = this.etcDir;
    if (!this.plan.namespaces || (!networked && this.plan.mode === "internet (filtered)"))
      return { etcDir, egress: egressContext };
    const net: NetSpec = {
      ns: nsName(process.pid, sandboxId),
      mode: networked ? (egress.mode === "allow-list" ? "allow-list" : "internet") : "isolated",
      allow: egress.allow,
      deny: [...this.databaseAddresses],
      hostsFile: this.o.hostsFile,
      resolvConf: this.o.resolvConf,
      runDir: this.runDir,
    };
    return { net, etcDir, egress: egressContext };
  }

  /** The host's addresses, looked up at most every two seconds. */
  private hostAddresses(): ReadonlySet<string> {
    const now = Date.now();
    if (now - this.hostCache.at > 2000) this.hostCache = { at: now, set: new Set(hostAddresses()) };
    return this.hostCache.set;
  }
}
