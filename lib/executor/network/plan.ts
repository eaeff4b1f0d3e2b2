/**
 * What outbound network this server can give sandboxes, decided once per supervisor (as the
 * isolation plan is). "internet (filtered)" needs root (network namespaces, nftables), nftables,
 * pasta and bubblewrap (which gives the sandbox our resolv.conf); it is proved by making a
 * namespace and loading the rules once. Anything less falls back to "none" — every sandbox
 * in a network namespace of its own with only a loopback — and says why. There is no HTTP-proxy
 * fallback: see docs/network.md.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import type { IsolationPlan } from "@/lib/executor/isolation";
import { sandboxRuleset } from "@/lib/executor/network/ruleset";
import { NET_TOOLS, nsPath } from "@/lib/executor/network/spec";

export type NetworkMode = "internet (filtered)" | "HTTP only" | "none" | "host (unfiltered)";

export interface NetworkPlan {
  mode: NetworkMode;
  /** Sandboxes get namespaces from the spawner (filtered ones; "isolated" ones without bubblewrap). */
  namespaces: boolean;
  /** In words, for the log, /api/health and the console. */
  reason: string;
}

export interface NetworkSummary {
  mode: NetworkMode;
  reason: string;
  /** The per-function settings this server honours as asked (others run with no network). */
  egressModes: Array<"internet" | "none" | "allow-list">;
}

export function detectNetwork(iso: IsolationPlan, wanted: "auto" | "none"): NetworkPlan {
  const root = process.getuid?.() === 0;
  const missingTools = Object.values(NET_TOOLS).filter((t) => !existsSync(t));
  const canNamespace = root && existsSync(NET_TOOLS.ip) && existsSync(NET_TOOLS.nsenter);
  const none = (reason: string): NetworkPlan => {
    if (iso.bubblewrap) return { mode: "none", namespaces: false, reason };
    // Without bubblewrap only a namespace of our own keeps a sandbox off the host's network.
    if (canNamespace) return { mode: "none", namespaces: true, reason: `${reason}; an empty network namespace each` };
    return {
      mode: "host (unfiltered)",
      namespaces: false,
      reason: `${reason}; without bubblewrap or root, sandboxes share the host's network (loopback included)`,
    };
  };
  if (wanted === "none") return none("outbound network turned off for this server");
  if (!root) return none("the server is not root: network namespaces and nftables need it");
  if (!iso.bubblewrap) return none("bubblewrap is not available");
  if (missingTools.length)
    return none(`missing ${missingTools.join(", ")} (apt-get install nftables passt iproute2 util-linux)`);
  const probe = probeNamespace();
  if (probe) return none(`network namespaces with nftables do not work here: ${probe}`);
  return {
    mode: "internet (filtered)",
    namespaces: true,
    reason:
      "a network namespace per sandbox with nftables rules inside (no loopback, private, link-local, metadata, " +
      "multicast, host or database addresses), pasta for the rest",
  };
}

/** Makes a namespace, loads the rules, removes it; the error in words, or null when it all worked. */
function probeNamespace(): string | null {
  const ns = `nimbus-probe-${process.pid}`;
  const opts = { encoding: "utf8" as const, timeout: 5000 };
  const add = spawnSync(NET_TOOLS.ip, ["netns", "add", ns], opts);
  if (add.status !== 0) return `ip netns add: ${add.stderr?.trim() || add.error?.message}`;
  try {
    const rules = sandboxRuleset({ extraDeny: [], allowList: true });
    const load = spawnSync(NET_TOOLS.nsenter, [`--net=${nsPath(ns)}`, NET_TOOLS.nft, "-f", "-"], {
      ...opts,
      input: rules,
    });
    if (load.status !== 0) return `nft: ${load.stderr?.trim() || load.error?.message}`;
    return null;
  } finally {
    spawnSync(NET_TOOLS.ip, ["netns", "del", ns], opts);
  }
}

export function networkSummary(plan: NetworkPlan): NetworkSummary {
  return {
    mode: plan.mode,
    reason: plan.reason,
    egressModes: plan.mode === "internet (filtered)" ? ["internet", "none", "allow-list"] : ["none"],
  };
}
