/**
 * The nftables rules inside one sandbox's network namespace. They run in the namespace, before
 * pasta sees a packet: pasta's own sockets are root's in the host's namespace, where no rule could
 * tell a sandbox's connection from the server's. The sandbox holds no CAP_NET_ADMIN over this
 * namespace (it belongs to the host's user namespace), so it cannot change them.
 * Denied packets are rejected, never dropped: TCP gets a reset (ECONNREFUSED at once), anything
 * else an ICMP "administratively prohibited" (EHOSTUNREACH) — a function fails fast, never hangs.
 */
import net from "node:net";
import { DENIED_V4, DENIED_V6 } from "@/lib/executor/network/ranges";

export const TABLE = "inet nimbus";

function split(addresses: readonly string[]): { v4: string[]; v6: string[] } {
  const v4: string[] = [];
  const v6: string[] = [];
  for (const a of new Set(addresses)) {
    if (net.isIPv4(a)) v4.push(a);
    else if (net.isIPv6(a)) v6.push(a);
  }
  return { v4, v6 };
}

const elements = (xs: string[]) => (xs.length ? `elements = { ${xs.join(", ")} }` : "");

/**
 * The whole table. `extraDeny`: the host's own addresses and the database's, denied like the fixed
 * ranges. `allowList`: only addresses later added to the allow sets (by the resolver, as it answers
 * allowed names) or given in `allowAddresses` pass; everything else is refused.
 */
export function sandboxRuleset(o: { extraDeny: readonly string[]; allowList: boolean; allowAddresses?: string[] }) {
  const extra = split(o.extraDeny);
  const deny4 = [...DENIED_V4.map((r) => r.cidr), ...extra.v4];
  const deny6 = [...DENIED_V6.map((r) => r.cidr), ...extra.v6];
  const allow = split(o.allowAddresses ?? []);
  const lines = [
    `table ${TABLE} {`,
    `  set deny4 { type ipv4_addr; flags interval; auto-merge; ${elements(deny4)} }`,
    `  set deny6 { type ipv6_addr; flags interval; auto-merge; ${elements(deny6)} }`,
    `  set allow4 { type ipv4_addr; ${elements(allow.v4)} }`,
    `  set allow6 { type ipv6_addr; ${elements(allow.v6)} }`,
    "  chain output {",
    "    type filter hook output priority 0; policy accept;",
    // The sandbox's own loopback: its own listeners, and the resolver pasta forwards on port 53.
    '    oif "lo" accept',
    // Neighbour discovery: the kernel's own link-local and multicast packets, not the function's.
    "    icmpv6 type { nd-neighbor-solicit, nd-neighbor-advert, nd-router-solicit } accept",
    "    ip daddr @deny4 meta l4proto tcp reject with tcp reset",
    "    ip daddr @deny4 reject with icmpx type admin-prohibited",
    "    ip6 daddr @deny6 meta l4proto tcp reject with tcp reset",
    "    ip6 daddr @deny6 reject with icmpx type admin-prohibited",
  ];
  if (o.allowList)
    lines.push(
      "    ip daddr @allow4 accept",
      "    ip6 daddr @allow6 accept",
      "    meta l4proto tcp reject with tcp reset",
      "    reject with icmpx type admin-prohibited",
    );
  lines.push("  }", "}", "");
  return lines.join("\n");
}

/** Replaces the deny sets (the host's addresses changed), in one transaction. */
export function refreshDeny(extraDeny: readonly string[]): string {
  const extra = split(extraDeny);
  const deny4 = [...DENIED_V4.map((r) => r.cidr), ...extra.v4];
  const deny6 = [...DENIED_V6.map((r) => r.cidr), ...extra.v6];
  return [
    `flush set ${TABLE} deny4`,
    `add element ${TABLE} deny4 { ${deny4.join(", ")} }`,
    `flush set ${TABLE} deny6`,
    `add element ${TABLE} deny6 { ${deny6.join(", ")} }`,
    "",
  ].join("\n");
}

/** Opens addresses in an allow-list sandbox (the resolver answered an allowed name with them). */
export function allowAddresses(addresses: readonly string[]): string {
  const { v4, v6 } = split(addresses);
  const out: string[] = [];
  if (v4.length) out.push(`add element ${TABLE} allow4 { ${v4.join(", ")} }`);
  if (v6.length) out.push(`add element ${TABLE} allow6 { ${v6.join(", ")} }`);
  return out.length ? `${out.join("\n")}\n` : "";
}
