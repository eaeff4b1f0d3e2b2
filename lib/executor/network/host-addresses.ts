/**
 * Every address of this host, on every interface: a sandbox must reach none of them (the server's
 * port, PostgreSQL, anything else listening on 0.0.0.0). Loopback ones are in the fixed ranges.
 */
import os from "node:os";
import { normalizeAddress } from "@/lib/executor/network/ranges";

export function hostAddresses(): string[] {
  const out = new Set<string>();
  for (const list of Object.values(os.networkInterfaces()))
    for (const i of list ?? []) if (!i.internal) out.add(normalizeAddress(i.address));
  return [...out].sort();
}
