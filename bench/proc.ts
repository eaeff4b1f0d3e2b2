/** CPU time and RSS of a process and its descendants, from /proc (Linux). */
import { readdirSync, readFileSync } from "node:fs";

const TICK_MS = 10; // CLK_TCK is 100 on Linux x86_64

function stat(pid: number): { ppid: number; cpuMs: number } | null {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, "utf8");
    const f = s.slice(s.lastIndexOf(")") + 2).split(" ");
    return { ppid: Number(f[1]), cpuMs: (Number(f[11]) + Number(f[12])) * TICK_MS };
  } catch {
    return null;
  }
}

export function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

export function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const s = stat(Number(name));
    if (!s) continue;
    const list = children.get(s.ppid) ?? [];
    list.push(Number(name));
    children.set(s.ppid, list);
  }
  const out: number[] = [];
  const walk = (p: number) => {
    for (const c of children.get(p) ?? []) {
      out.push(c);
      walk(c);
    }
  };
  walk(root);
  return out;
}

/** CPU ms used so far by pid and (optionally) its descendants, excluding given pids (e.g. PostgreSQL). */
export function treeCpuMs(pid: number, exclude: Set<number> = new Set()): number {
  let total = stat(pid)?.cpuMs ?? 0;
  for (const d of descendants(pid)) if (!exclude.has(d)) total += stat(d)?.cpuMs ?? 0;
  return total;
}

export function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
  } catch {
    return "";
  }
}

/** CPU of the server and its sandboxes; the embedded PostgreSQL is reported separately. */
export function cpuSplit(pid: number | null): { server: number; postgres: number } {
  if (!pid) return { server: NaN, postgres: NaN };
  const pg = new Set(descendants(pid).filter((d) => cmdline(d).includes("postgres")));
  const all = treeCpuMs(pid);
  const server = treeCpuMs(pid, pg);
  return { server, postgres: all - server };
}

export function rssSplit(pid: number | null): { server: number; sandboxes: number } {
  if (!pid) return { server: NaN, sandboxes: NaN };
  // Inside bubblewrap the host is /opt/nimbus/host.mjs; bubblewrap's own processes count too (they are part of the cost).
  const sandboxes = descendants(pid).filter((d) => cmdline(d).includes("host.mjs"));
  return { server: rssMb(pid), sandboxes: sandboxes.reduce((n, p) => n + rssMb(p), 0) };
}

/** The highest RSS of the server and of its sandboxes while a load runs, sampled every 250 ms. */
export function peakRss(pid: number | null): { stop: () => { server: number; sandboxes: number } } {
  const peak = { server: 0, sandboxes: 0 };
  const sample = () => {
    const now = rssSplit(pid);
    peak.server = Math.max(peak.server, now.server);
    peak.sandboxes = Math.max(peak.sandboxes, now.sandboxes);
  };
  sample();
  const timer = setInterval(sample, 250);
  return {
    stop: () => {
      clearInterval(timer);
      sample();
      return peak;
    },
  };
}
