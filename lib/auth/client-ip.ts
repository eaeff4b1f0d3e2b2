import { isIP } from "node:net";

/**
 * The address the login limits count. The socket's peer, unless that peer is a proxy named in
 * NIMBUS_TRUSTED_PROXIES: then the nearest X-Forwarded-For entry that is not a trusted proxy
 * (entries further left were written by the client and could be anything). Without this, every
 * client behind a reverse proxy shares its address and one stranger's guesses lock out everyone.
 */
export function clientIpOf(
  peer: string | undefined,
  forwardedFor: string | string[] | undefined,
  trusted: ReadonlySet<string>,
): string {
  const socketIp = normalize(peer ?? "unknown");
  if (!trusted.has(socketIp) || !forwardedFor) return socketIp;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor)
    .split(",")
    .map((h) => normalize(h.trim()));
  for (const hop of hops.reverse()) {
    if (!isIP(hop)) return socketIp; // garbage in the chain: do not trust any of it
    if (!trusted.has(hop)) return hop;
  }
  return socketIp;
}

/** `::ffff:127.0.0.1` (IPv4 on a dual-stack socket) is 127.0.0.1. */
const normalize = (ip: string) => (ip.startsWith("::ffff:") && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip);
