/** The platform's executor: the sandbox supervisor as the settings describe it (docs/sandbox.md, docs/network.md). */
import { rmSync } from "node:fs";
import path from "node:path";
import type { Settings } from "@/lib/env";
import { Supervisor } from "@/lib/executor/supervisor";
import type { ConnectionWriter } from "@/lib/network/connection-writer";
import type { AuditBuffer } from "@/lib/services/audit/buffer";
import type { Logger } from "@/lib/log";

export function createExecutor(
  settings: Settings,
  o: { hostScript: string; databaseUrl: string; connections: ConnectionWriter; audit: AuditBuffer; log: Logger },
): Supervisor {
  const workDir = path.join(settings.dataDir, "sandboxes");
  rmSync(workDir, { recursive: true, force: true }); // folders of sandboxes from an earlier run
  return new Supervisor({
    hostScript: o.hostScript,
    workDir,
    idleMs: settings.NIMBUS_INSTANCE_IDLE_SECONDS * 1000,
    prewarm: settings.NIMBUS_PREWARM_SANDBOXES,
    instancesPerSandbox: settings.NIMBUS_INSTANCES_PER_SANDBOX,
    cpuCap: settings.NIMBUS_CPU_CAP || undefined,
    maxSandboxes: settings.NIMBUS_MAX_SANDBOXES,
    isolation: {
      mode: settings.NIMBUS_SANDBOX_ISOLATION,
      dataLimitMb: settings.NIMBUS_SANDBOX_MEMORY_LIMIT_MB,
      maxOpenFiles: settings.NIMBUS_SANDBOX_MAX_OPEN_FILES,
    },
    uidBase: settings.NIMBUS_SANDBOX_UID_BASE,
    log: o.log,
    // Outbound network: extra names and upstream resolvers for sandboxes, and the database to deny (docs/network.md).
    network: {
      mode: settings.NIMBUS_SANDBOX_NETWORK,
      hostsFile: path.join(settings.dataDir, "sandbox-hosts"),
      resolvConf: path.join(settings.dataDir, "sandbox-resolv.conf"),
      databaseHosts: [new URL(o.databaseUrl).hostname],
    },
    onConnections: (functionId, requestId, rows) => o.connections.push(functionId, requestId, rows),
    onSandboxKilled: (e) =>
      o.audit.push({
        action: "sandbox.killed",
        resource: e.functionName,
        details: { version: e.version, reason: e.reason, pid: e.pid, requestId: e.requestId },
      }),
  });
}
