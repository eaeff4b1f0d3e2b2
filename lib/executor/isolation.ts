/**
 * How a sandbox process is walled in. Decided once per supervisor from what this host
 * offers, then applied to every sandbox's command line. The layers (docs/security.md):
 *  - bubblewrap: private pid/net/ipc/uts/mount namespaces; the sandbox sees /usr, the
 *    runtime, its code (read-only, at /var/task) and a size-capped tmpfs at /tmp — not the
 *    data folder, not the server's files, not other processes, not the host's loopback.
 *  - its own uid (when the server runs as root): signals to the server and reads of other
 *    sandboxes' files fail with EPERM/EACCES.
 *  - rlimits (prlimit): open files, data segment (external memory), core dumps, processes.
 *  - Node's permission model in every instance (see host/main.ts), `--no-addons`.
 * Without bubblewrap or root, Nimbus still runs, with a "reduced" level that the console
 * shows and a warning in the log.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { NetworkSummary } from "@/lib/executor/network/plan";
import type { Logger } from "@/lib/log";

export type IsolationLevel = "full" | "reduced";

export interface IsolationPlan {
  level: IsolationLevel;
  bubblewrap: boolean;
  uidSwitch: boolean;
  rlimits: boolean;
  /** Node's permission model inside the sandbox (always on). */
  permission: true;
  /** What is missing, in words for the log and the console. */
  missing: string[];
}

export interface IsolationSettings {
  /**
   * "auto": every layer this host offers. "no-bubblewrap": skip namespaces (uid, rlimits and
   * the permission model remain), to test and measure the fallback. There is no mode that
   * runs user code as root: as root the uid switch is not optional (a sandbox sharing root's
   * uid can kill(-1) every process on the machine — seen here).
   */
  mode: "auto" | "no-bubblewrap";
  /** /tmp size of sandboxes that do not say (the pre-spawned ones): Lambda's default 512 MB. */
  tmpMb: number;
  dataLimitMb: number;
  maxOpenFiles: number;
}

export const BWRAP = "/usr/bin/bwrap";
export const PRLIMIT = "/usr/bin/prlimit";
export const SETPRIV = "/usr/bin/setpriv";

export function detectIsolation(settings: IsolationSettings): IsolationPlan {
  const missing: string[] = [];
  const root = process.getuid?.() === 0;
  const rlimits = existsSync(PRLIMIT);
  if (!rlimits) missing.push("prlimit (util-linux) not found: no rlimits");
  let bubblewrap = false;
  const uidSwitch = root;
  if (root && !existsSync(SETPRIV))
    throw new Error(
      "Nimbus runs as root but /usr/bin/setpriv (util-linux) is missing: it will not run user code as root",
    );
  if (!root) missing.push("the server is not root: sandboxes share its uid");
  if (settings.mode === "no-bubblewrap")
    missing.push("bubblewrap turned off by NIMBUS_SANDBOX_ISOLATION=no-bubblewrap");
  else {
    bubblewrap = existsSync(BWRAP) && bwrapWorks(root);
    if (!bubblewrap)
      missing.push(
        existsSync(BWRAP)
          ? "bubblewrap is installed but cannot create namespaces here"
          : "bubblewrap is not installed (apt-get install bubblewrap): " +
              "no namespaces, sandboxes see the host's files, processes and loopback",
      );
  }
  const full = bubblewrap && uidSwitch && rlimits;
  return { level: full ? "full" : "reduced", bubblewrap, uidSwitch, rlimits, permission: true, missing };
}

function bwrapWorks(root: boolean): boolean {
  const r = spawnSync(
    BWRAP,
    [
      ...namespaceArgs(),
      ...(root ? ["--cap-add", "CAP_SETUID"] : []),
      "--ro-bind",
      "/usr",
      "/usr",
      "--symlink",
      "usr/bin",
      "/bin",
      "--symlink",
      "usr/lib",
      "/lib",
      "--symlink",
      "usr/lib64",
      "/lib64",
      "--",
      "/bin/true",
    ],
    { stdio: "ignore", timeout: 5000 },
  );
  return r.status === 0;
}

/** `net`: a network namespace of its own (else the sandbox is started inside one made for it). */
export function namespaceArgs(net = true): string[] {
  // Not --unshare-all: it includes a user namespace, in which setpriv could not switch to a real uid.
  return [
    "--unshare-pid",
    ...(net ? ["--unshare-net"] : []),
    "--unshare-ipc",
    "--unshare-uts",
    "--unshare-cgroup-try",
    "--die-with-parent",
    "--new-session",
  ];
}

/** The permission model's flag in the sandbox's Node (stable and renamed in 22). */
export function permissionFlag(major: number): string {
  return major >= 22 ? "--permission" : "--experimental-permission";
}

/** The layers a plan gives, and those it lacks, as /api/system and the console show them. */
export function isolationSummary(
  plan: IsolationPlan,
  network: NetworkSummary,
): { level: IsolationPlan["level"]; layers: string[]; missing: string[]; network: NetworkSummary } {
  const layers = ["separate process", "scrubbed environment", "supervisor deadlines"];
  if (plan.bubblewrap)
    layers.push("bubblewrap namespaces (pid, net, ipc, uts, mount)", "read-only code and runtime", "size-capped tmp");
  if (plan.uidSwitch) layers.push("own uid");
  if (plan.rlimits) layers.push("rlimits");
  layers.push("Node permission model");
  if (network.mode === "internet (filtered)")
    layers.push("outbound network filtered below the function (nftables in its own namespace, pasta)");
  return { level: plan.level, layers, missing: plan.missing, network };
}

/**
 * Whether a sandbox under a uid of its own can read `file` where it is: the file readable by other
 * users and every folder above it passable. Without bubblewrap nothing is bind-mounted, so the
 * sandbox bundle and the node binary must be (a checkout under /root, mode 0700, is not).
 */
export function reachableByOthers(file: string): boolean {
  try {
    if ((statSync(file).mode & 0o004) === 0) return false;
    for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
      if ((statSync(dir).mode & 0o001) === 0) return false;
      if (dir === path.dirname(dir)) return true;
    }
  } catch {
    return false;
  }
}

/**
 * Says how walled-in sandboxes are, and makes the folder their folders and the socket live in.
 * Sandboxes under uids of their own but without namespaces must reach that folder and the sandbox
 * files by path; the data folder (0700, it holds the master key) is no place for them: they get a
 * temporary folder instead.
 */
export function prepareWorkDir(
  plan: IsolationPlan,
  files: { workDir: string; hostScript: string; nodePath: string },
  runtime: string,
  log: Logger,
): string {
  if (plan.level !== "full") log.warn(`sandbox isolation is reduced: ${plan.missing.join("; ")}`);
  else
    log.info(`sandbox isolation: full (bubblewrap, own uid, rlimits, permission model); user code runs on ${runtime}`);
  const { uidSwitch, bubblewrap } = plan;
  const dir = uidSwitch && !bubblewrap ? mkdtempSync(path.join(os.tmpdir(), "nimbus-sandboxes-")) : files.workDir;
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (uidSwitch) chmodSync(dir, 0o711);
  for (const file of uidSwitch && !bubblewrap ? [files.hostScript, files.nodePath] : [])
    if (!reachableByOthers(file))
      log.error(
        `sandboxes run under their own uid without bubblewrap and cannot read ${file}: let other users ` +
          "read it and pass every folder above it (chmod o+rx), or install bubblewrap",
      );
  return dir;
}
