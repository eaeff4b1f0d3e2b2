/**
 * A function's outbound network setting and its allow list: host names (api.example.com),
 * patterns (*.example.com: any name below example.com, not example.com itself) and literal
 * public addresses. Shared by the API's validation, the sandbox's resolver (which answers
 * only allowed names) and the supervisor (which says why a connection was refused).
 */
import net from "node:net";

export type EgressMode = "internet" | "none" | "allow-list";
export const EGRESS_MODES: readonly EgressMode[] = ["internet", "none", "allow-list"];

export interface EgressSetting {
  mode: EgressMode;
  /** Host names, *.patterns or addresses; used in "allow-list" mode only. */
  allow: string[];
}

export const DEFAULT_EGRESS: EgressSetting = { mode: "internet", allow: [] };
export const MAX_ALLOW_ENTRIES = 50;
export const MAX_HOST_NAME_LENGTH = 253;

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** Lower case, no trailing dot: how names are compared. */
export function canonicalName(name: string): string {
  const n = name.trim().toLowerCase();
  return n.endsWith(".") ? n.slice(0, -1) : n;
}

/** Why an allow-list entry is not acceptable, or null when it is. */
export function allowEntryProblem(entry: string): string | null {
  const e = canonicalName(entry);
  if (!e) return "an entry is empty";
  if (e.length > MAX_HOST_NAME_LENGTH)
    return `"${entry.slice(0, 40)}…" is longer than ${MAX_HOST_NAME_LENGTH} characters`;
  if (net.isIP(e)) return null;
  const name = e.startsWith("*.") ? e.slice(2) : e;
  const labels = name.split(".");
  if (!labels.every((l) => LABEL.test(l)))
    return `"${entry}" is not a host name, a *.pattern or an address (letters, digits, hyphens and dots)`;
  if (e.startsWith("*.") && labels.length < 2) return `"${entry}" is too broad: a pattern needs at least two labels`;
  return null;
}

/** Whether `name` (as a function asked for it) is allowed by `patterns`. */
export function nameAllowed(name: string, patterns: readonly string[]): boolean {
  const n = canonicalName(name);
  if (!n) return false;
  for (const raw of patterns) {
    const p = canonicalName(raw);
    if (p.startsWith("*.")) {
      if (n.endsWith(p.slice(1)) && n.length > p.length - 1) return true;
    } else if (p === n) return true;
  }
  return false;
}

/** The same setting, whatever order or case the list was written in (sandboxes are shared by it). */
export function egressKey(e: EgressSetting | undefined): string {
  const s = e ?? DEFAULT_EGRESS;
  if (s.mode !== "allow-list") return s.mode;
  return `allow-list:${[...new Set(s.allow.map(canonicalName))].sort().join(",")}`;
}
