/**
 * The destinations no function may reach, whatever its egress setting: the host's and the
 * sandbox's loopback, private and shared ranges, link-local (cloud metadata services live at
 * 169.254.169.254 and fd00:ec2::254), multicast and reserved space. The same list feeds the
 * nftables rules in each sandbox's network namespace (the enforcement) and the supervisor's
 * words for a denied connection (the explanation), so the two cannot disagree.
 */
import net from "node:net";

export interface DeniedRange {
  cidr: string;
  /** Why, as the function's log says it: "[network] connect … denied: <label>". */
  label: string;
}

export const DENIED_V4: DeniedRange[] = [
  { cidr: "0.0.0.0/8", label: "unspecified address" },
  { cidr: "10.0.0.0/8", label: "private address" },
  { cidr: "100.64.0.0/10", label: "carrier-grade NAT address" },
  { cidr: "127.0.0.0/8", label: "loopback address" },
  { cidr: "169.254.0.0/16", label: "link-local or metadata address" },
  { cidr: "172.16.0.0/12", label: "private address" },
  { cidr: "192.0.0.0/24", label: "reserved address" },
  { cidr: "192.168.0.0/16", label: "private address" },
  { cidr: "198.18.0.0/15", label: "reserved address" },
  { cidr: "224.0.0.0/4", label: "multicast address" },
  { cidr: "240.0.0.0/4", label: "reserved address" },
];

export const DENIED_V6: DeniedRange[] = [
  { cidr: "::/128", label: "unspecified address" },
  { cidr: "::1/128", label: "loopback address" },
  { cidr: "::ffff:0:0/96", label: "IPv4-mapped address" },
  // NAT64 and 6to4 embed an IPv4 address, possibly a private one, behind a translator.
  { cidr: "64:ff9b::/96", label: "NAT64 address" },
  { cidr: "64:ff9b:1::/48", label: "NAT64 address" },
  { cidr: "100::/64", label: "reserved address" },
  { cidr: "2002::/16", label: "6to4 address" },
  { cidr: "fc00::/7", label: "private address" },
  { cidr: "fe80::/10", label: "link-local or metadata address" },
  { cidr: "ff00::/8", label: "multicast address" },
];

const METADATA = new Set(["169.254.169.254", "fd00:ec2::254"]);

// One list per range, checked only against addresses of its own family: a BlockList matches an
// IPv4 address against ::ffff:0:0/96, which would call every IPv4 address "IPv4-mapped".
function blockLists(): Array<{ list: net.BlockList; label: string; family: "ipv4" | "ipv6" }> {
  const out: Array<{ list: net.BlockList; label: string; family: "ipv4" | "ipv6" }> = [];
  for (const [ranges, family] of [
    [DENIED_V4, "ipv4"],
    [DENIED_V6, "ipv6"],
  ] as const) {
    for (const r of ranges) {
      const [addr = "", bits = "0"] = r.cidr.split("/");
      const list = new net.BlockList();
      list.addSubnet(addr, Number(bits), family);
      out.push({ list, label: r.label, family });
    }
  }
  return out;
}
const LISTS = blockLists();

/** Removes brackets and a zone (fe80::1%eth0); maps ::ffff:a.b.c.d to a.b.c.d; one spelling for IPv6. */
export function normalizeAddress(address: string): string {
  let a = address.trim();
  if (a.startsWith("[") && a.endsWith("]")) a = a.slice(1, -1);
  const zone = a.indexOf("%");
  if (zone >= 0) a = a.slice(0, zone);
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(a);
  if (mapped?.[1]) return mapped[1];
  // One spelling per IPv6 address (fd00:0:0::1 and fd00::1 are the same), as the URL parser writes it.
  if (net.isIPv6(a)) return new URL(`http://[${a}]/`).hostname.slice(1, -1);
  return a.toLowerCase();
}

/** The reason an address is always denied, or null when it is a public address. */
export function deniedRangeOf(address: string): string | null {
  const a = normalizeAddress(address);
  const family = net.isIP(a);
  if (family === 0) return null;
  if (METADATA.has(a)) return "link-local or metadata address";
  const type = family === 4 ? "ipv4" : "ipv6";
  for (const { list, label, family: f } of LISTS) if (f === type && list.check(a, type)) return label;
  return null;
}

export function isLoopback(address: string): boolean {
  return deniedRangeOf(address) === "loopback address";
}
