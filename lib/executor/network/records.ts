/**
 * The supervisor's side of connection records: what an instance reports is user-controlled, so
 * each entry is checked and bounded (like log lines), then judged here — by trusted code that
 * knows the sandbox's setting, the addresses its resolver opened, the host's and the database's
 * addresses — as allowed or denied and why. A denied one also gets a `[network] … denied: …` line
 * in the function's log. Successful connections to the sandbox's own loopback or its own copy of
 * the host's address are local, not outbound, and are not recorded.
 */
import net from "node:net";
import { canonicalName, type EgressSetting, nameAllowed } from "@/lib/executor/network/allow";
import { deniedRangeOf, normalizeAddress } from "@/lib/executor/network/ranges";
import type { ConnectionRecord, LogEntry } from "@/lib/executor/types";

export const MAX_CONNECTIONS_PER_INVOCATION = 100;

/** What the supervisor knows about one sandbox's network when it judges a record. */
export interface EgressContext {
  egress: EgressSetting;
  /** False when this sandbox has no outbound network whatever the setting (the server cannot give it). */
  networked: boolean;
  /** Why there is no network, in words, when `networked` is false or the setting is "none". */
  noNetwork: string;
  /** Addresses the sandbox's resolver opened (allow-list mode). */
  opened: ReadonlySet<string>;
  hostAddresses: () => ReadonlySet<string>;
  databaseAddresses: ReadonlySet<string>;
}

const ERROR_CODE = /^[A-Za-z0-9_.]{1,40}$/;

function text(v: unknown, max: number): string | null {
  if (typeof v !== "string") return null;
  // No control characters (PostgreSQL refuses NUL; none belongs in a host name anyway).
  let clean = "";
  for (const ch of v.slice(0, max)) {
    const c = ch.charCodeAt(0);
    if (c >= 0x20 && c !== 0x7f) clean += ch;
  }
  return clean;
}

const num = (v: unknown, max = Number.MAX_SAFE_INTEGER) =>
  typeof v === "number" && Number.isFinite(v) && v >= 0 ? Math.min(v, max) : 0;

/** The verdict on one connection, or null when it never left the sandbox. */
export function judge(
  r: { host: string; address: string | null; error: string | null },
  ctx: EgressContext,
): { allowed: boolean; reason: string | null } | null {
  const addr = r.address ?? (net.isIP(r.host) ? normalizeAddress(r.host) : null);
  const failed = r.error !== null;
  const deny = (reason: string) => ({ allowed: false, reason });
  const noNetwork = !ctx.networked || ctx.egress.mode === "none";
  if (addr) {
    const range = deniedRangeOf(addr);
    const own = ctx.hostAddresses().has(addr);
    if (!failed && (range === "loopback address" || own)) return null;
    if (range) return deny(range);
    if (own) return deny("address of this host");
    if (ctx.databaseAddresses.has(addr)) return deny("the database's host");
    if (noNetwork) return deny(ctx.noNetwork);
    if (ctx.egress.mode === "allow-list" && !ctx.opened.has(addr) && !ctx.egress.allow.includes(addr))
      return deny("not in the allow list");
    return { allowed: true, reason: r.error };
  }
  if (noNetwork) return deny(ctx.noNetwork);
  if (ctx.egress.mode === "allow-list" && !nameAllowed(r.host, ctx.egress.allow)) return deny("not in the allow list");
  return { allowed: true, reason: r.error };
}

/** The log line of a denied connection. */
export function deniedLine(c: ConnectionRecord): string {
  const via = c.address && c.address !== c.host ? ` (${c.address})` : "";
  return `[network] connect ${c.host}${via}:${c.port} denied: ${c.reason}`;
}

/** One invocation's connections as the supervisor keeps them. */
export class ConnectionLedger {
  readonly records: ConnectionRecord[] = [];
  dropped = 0;
  /** `[network]` lines handed out so far (the call's log is put back in time order if any). */
  lines = 0;

  /** Checks, judges and keeps what an instance reported; returns the log lines to add (denied ones). */
  admit(raw: unknown, ctx: EgressContext): LogEntry[] {
    if (!Array.isArray(raw)) return [];
    const lines: LogEntry[] = [];
    for (const e of raw as unknown[]) {
      if (typeof e !== "object" || e === null) continue;
      if (this.records.length >= MAX_CONNECTIONS_PER_INVOCATION) {
        this.dropped++;
        continue;
      }
      const o = e as Record<string, unknown>;
      const host = text(o.host, 253);
      const port = num(o.port, 65535);
      if (!host || !Number.isInteger(port)) continue;
      const rawAddress = text(o.address, 64);
      const address = rawAddress && net.isIP(normalizeAddress(rawAddress)) ? normalizeAddress(rawAddress) : null;
      const error = typeof o.error === "string" && ERROR_CODE.test(o.error) ? o.error : null;
      const verdict = judge({ host: canonicalHost(host), address, error }, ctx);
      if (!verdict) continue;
      const ts = num(o.ts);
      const rec: ConnectionRecord = {
        ts: ts > 0 ? ts : Date.now(),
        host,
        address,
        port,
        protocol: o.protocol === "tls" ? "tls" : "tcp",
        bytesOut: Math.round(num(o.bytesOut)),
        bytesIn: Math.round(num(o.bytesIn)),
        durationMs: num(o.durationMs, 86_400_000),
        ...verdict,
      };
      this.records.push(rec);
      // Dated when it failed, so it sorts after what the function logged before that.
      if (!rec.allowed) lines.push({ ts: rec.ts + rec.durationMs, level: "WARN", message: deniedLine(rec) });
    }
    this.lines += lines.length;
    return lines;
  }

  /** Adds what the instance itself could not report (its own cap). */
  droppedByInstance(n: unknown): void {
    this.dropped += Math.min(num(n), 1_000_000_000);
  }

  /** The line saying how many were not kept, if any. */
  summaryLine(): LogEntry | null {
    if (!this.dropped) return null;
    return {
      ts: Date.now(),
      level: "WARN",
      message:
        `[network] ${this.dropped} more connection(s) were not recorded ` +
        `(limit ${MAX_CONNECTIONS_PER_INVOCATION} per invocation)`,
    };
  }
}

function canonicalHost(host: string): string {
  return net.isIP(host) ? normalizeAddress(host) : canonicalName(host);
}
