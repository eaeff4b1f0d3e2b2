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
import { existsSync } from "node:fs";
import path from "node:path";

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

const BWRAP = "/usr/bin/bwrap";
const PRLIMIT = "/usr/bin/prlimit";
const SETPRIV = "/usr/bin/setpriv";

/** Paths inside a bubblewrap sandbox, as in Lambda. */
export const IN_SANDBOX = {
  hostDir: "/opt/nimbus",
  codeDir: "/var/task",
  tmpDir: "/tmp",
  socket: "/run/nimbus/supervisor.sock",
} as const;

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

function namespaceArgs(): string[] {
  // Not --unshare-all: it includes a user namespace, in which setpriv could not switch to a real uid.
  return [
    "--unshare-pid",
    "--unshare-net",
    "--unshare-ipc",
    "--unshare-uts",
    "--unshare-cgroup-try",
    "--die-with-parent",
    "--new-session",
  ];
}

export interface SandboxLaunch {
  nodePath: string;
  /** Its major version (lib/executor/sandbox-node.ts). */
  nodeMajor: number;
  hostScript: string;
  socketPath: string;
  codeDir: string;
  tmpDir: string;
  /** The uid (and gid) this sandbox runs as when the plan switches uids. */
  uid: number;
  /** Size of its /tmp tmpfs in MB (bubblewrap only; without it tmp is a host folder, uncapped). */
  tmpMb: number;
  /** Arguments after the host script. */
  args: string[];
}

export interface LaunchCommand {
  command: string;
  args: string[];
  /** Paths as the sandbox sees them (what the host and its instances are told). */
  inside: { hostScript: string; socketPath: string; codeDir: string; tmpDir: string };
}

/** The command line that starts one sandbox under the plan. */
export function launchCommand(plan: IsolationPlan, settings: IsolationSettings, l: SandboxLaunch): LaunchCommand {
  const inside = plan.bubblewrap
    ? {
        hostScript: path.posix.join(IN_SANDBOX.hostDir, path.basename(l.hostScript)),
        socketPath: IN_SANDBOX.socket,
        codeDir: IN_SANDBOX.codeDir,
        tmpDir: IN_SANDBOX.tmpDir,
      }
    : { hostScript: l.hostScript, socketPath: l.socketPath, codeDir: l.codeDir, tmpDir: l.tmpDir };
  const nodePath = plan.bubblewrap ? runtimeInside(l.nodePath) : l.nodePath;
  const node = nodeFlags(l.nodeMajor, path.dirname(inside.hostScript));
  let argv: string[] = [nodePath, ...node, inside.hostScript, inside.socketPath, ...l.args];
  if (plan.uidSwitch)
    argv = [
      SETPRIV,
      `--reuid=${l.uid}`,
      `--regid=${l.uid}`,
      "--clear-groups",
      "--no-new-privs",
      "--inh-caps=-all",
      "--bounding-set=-all",
      "--",
      ...argv,
    ];
  if (plan.rlimits) {
    const data = settings.dataLimitMb * 1024 * 1024;
    const limits = [`--nofile=${settings.maxOpenFiles}`, `--data=${data}`, "--core=0"];
    // RLIMIT_NPROC counts every process and thread of the real uid: only safe with a uid of its own.
    if (plan.uidSwitch) limits.push("--nproc=1024");
    argv = [PRLIMIT, ...limits, "--", ...argv];
  }
  if (plan.bubblewrap) {
    const bw = [
      ...namespaceArgs(),
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
      "--symlink",
      "usr/sbin",
      "/sbin",
      "--perms",
      "0755",
      "--dir",
      "/etc",
      "--ro-bind-try",
      "/etc/ssl",
      "/etc/ssl",
      "--ro-bind-try",
      "/etc/ca-certificates",
      "/etc/ca-certificates",
      "--ro-bind-try",
      "/etc/localtime",
      "/etc/localtime",
      "--ro-bind-try",
      "/usr/share/zoneinfo",
      "/usr/share/zoneinfo",
      "--proc",
      "/proc",
      "--dev",
      "/dev",
      // Folders bubblewrap makes for mount points are 0700 unless told; the sandbox's uid must pass.
      "--perms",
      "0755",
      "--dir",
      "/opt",
      "--perms",
      "0755",
      "--dir",
      "/var",
      "--perms",
      "0755",
      "--dir",
      "/run",
      "--perms",
      "0755",
      "--dir",
      "/run/nimbus",
      "--ro-bind",
      path.dirname(l.hostScript),
      IN_SANDBOX.hostDir,
      ...runtimeBinds(l.nodePath),
      "--ro-bind",
      l.codeDir,
      IN_SANDBOX.codeDir,
      "--bind",
      l.socketPath,
      IN_SANDBOX.socket,
      "--size",
      String(l.tmpMb * 1024 * 1024),
      "--tmpfs",
      IN_SANDBOX.tmpDir,
      "--chmod",
      "1777",
      IN_SANDBOX.tmpDir,
      // setpriv needs these to drop to the sandbox's uid; it then clears every capability.
      ...(plan.uidSwitch ? ["--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID"] : []),
      "--chdir",
      IN_SANDBOX.tmpDir,
      "--",
    ];
    return { command: BWRAP, args: [...bw, ...argv], inside };
  }
  return { command: argv[0]!, args: argv.slice(1), inside };
}

/** The permission model's flag in the sandbox's Node (stable and renamed in 22). */
export function permissionFlag(major: number): string {
  return major >= 22 ? "--permission" : "--experimental-permission";
}

/** The sandbox host's own flags: the permission model (it may read its bundle and start workers), no addons. */
function nodeFlags(nodeMajor: number, hostDir: string): string[] {
  return [permissionFlag(nodeMajor), `--allow-fs-read=${hostDir}`, "--allow-worker", "--no-addons", "--no-warnings"];
}

/** A runtime outside /usr (a pinned Node under the project) is mounted at /opt/node. */
function runtimeInside(nodePath: string): string {
  return nodePath.startsWith("/usr/") ? nodePath : "/opt/node/bin/node";
}

function runtimeBinds(nodePath: string): string[] {
  if (nodePath.startsWith("/usr/")) return [];
  return ["--ro-bind", path.dirname(path.dirname(nodePath)), "/opt/node"];
}

/** The layers a plan gives, and those it lacks, as /api/system and the console show them. */
export function isolationSummary(plan: IsolationPlan): {
  level: IsolationPlan["level"];
  layers: string[];
  missing: string[];
} {
  const layers = ["separate process", "scrubbed environment", "supervisor deadlines"];
  if (plan.bubblewrap)
    layers.push("bubblewrap namespaces (pid, net, ipc, uts, mount)", "read-only code and runtime", "size-capped tmp");
  if (plan.uidSwitch) layers.push("own uid");
  if (plan.rlimits) layers.push("rlimits");
  layers.push("Node permission model");
  return { level: plan.level, layers, missing: plan.missing };
}
