/**
 * The command line that starts one sandbox under the isolation plan (isolation.ts):
 *   [nsenter --net=<its namespace> --] bwrap … -- prlimit … -- setpriv --reuid=<own uid> … -- node … host.mjs
 * bubblewrap gives the mounts and the pid/ipc/uts namespaces — and the network namespace too,
 * unless the sandbox has outbound network: then the spawner made a namespace for it beforehand
 * (filtered by nftables, connected by pasta; lib/executor/network/) and nsenter starts it in there.
 */
import path from "node:path";
import {
  BWRAP,
  type IsolationPlan,
  type IsolationSettings,
  namespaceArgs,
  PRLIMIT,
  permissionFlag,
  SETPRIV,
} from "@/lib/executor/isolation";
import { NET_TOOLS, nsPath } from "@/lib/executor/network/spec";

/** Paths inside a bubblewrap sandbox, as in Lambda. */
export const IN_SANDBOX = {
  hostDir: "/opt/nimbus",
  codeDir: "/var/task",
  tmpDir: "/tmp",
  socket: "/run/nimbus/supervisor.sock",
} as const;

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
  /** The network namespace made for it (by name), or none: bubblewrap makes an empty one. */
  netns?: string;
  /** A folder with the resolv.conf, hosts and nsswitch.conf the sandbox sees in /etc (bubblewrap only). */
  etcDir?: string;
}

export interface LaunchCommand {
  command: string;
  args: string[];
  /** Paths as the sandbox sees them (what the host and its instances are told). */
  inside: { hostScript: string; socketPath: string; codeDir: string; tmpDir: string };
}

const ro = (from: string, to = from) => ["--ro-bind", from, to];
const roTry = (from: string, to = from) => ["--ro-bind-try", from, to];
// Folders bubblewrap makes for mount points are 0700 unless told; the sandbox's uid must pass.
const dir = (p: string) => ["--perms", "0755", "--dir", p];
const link = (target: string, at: string) => ["--symlink", target, at];

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
    const etc = l.etcDir
      ? [
          ...ro(path.join(l.etcDir, "resolv.conf"), "/etc/resolv.conf"),
          ...ro(path.join(l.etcDir, "hosts"), "/etc/hosts"),
        ]
      : [];
    const nsswitch = l.etcDir ? ro(path.join(l.etcDir, "nsswitch.conf"), "/etc/nsswitch.conf") : [];
    const bw = [
      ...namespaceArgs(!l.netns),
      ...ro("/usr"),
      ...link("usr/bin", "/bin"),
      ...link("usr/lib", "/lib"),
      ...link("usr/lib64", "/lib64"),
      ...link("usr/sbin", "/sbin"),
      ...dir("/etc"),
      ...roTry("/etc/ssl"),
      ...roTry("/etc/ca-certificates"),
      ...roTry("/etc/localtime"),
      ...roTry("/usr/share/zoneinfo"),
      ...etc,
      ...nsswitch,
      ...["--proc", "/proc", "--dev", "/dev"],
      ...dir("/opt"),
      ...dir("/var"),
      ...dir("/run"),
      ...dir("/run/nimbus"),
      ...ro(path.dirname(l.hostScript), IN_SANDBOX.hostDir),
      ...runtimeBinds(l.nodePath),
      ...ro(l.codeDir, IN_SANDBOX.codeDir),
      ...["--bind", l.socketPath, IN_SANDBOX.socket],
      ...["--size", String(l.tmpMb * 1024 * 1024), "--tmpfs", IN_SANDBOX.tmpDir],
      ...["--chmod", "1777", IN_SANDBOX.tmpDir],
      // setpriv needs these to drop to the sandbox's uid; it then clears every capability.
      ...(plan.uidSwitch ? ["--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID"] : []),
      ...["--chdir", IN_SANDBOX.tmpDir],
      "--",
    ];
    argv = [BWRAP, ...bw, ...argv];
  }
  // Into the namespace made for it; nsenter execs what follows, so the pid stays the sandbox's.
  if (l.netns) argv = [NET_TOOLS.nsenter, `--net=${nsPath(l.netns)}`, "--", ...argv];
  return { command: argv[0]!, args: argv.slice(1), inside };
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
