/** How a Supervisor is set up (lib/runtime/create.ts builds it from the settings). */
import type { IsolationSettings } from "@/lib/executor/isolation";
import type { NetworkOptions } from "@/lib/executor/network/egress";
import type { ConnectionRecord, SandboxKilledEvent } from "@/lib/executor/types";
import type { Logger } from "@/lib/log";

export interface SupervisorOptions {
  hostScript: string;
  workDir: string;
  /** Idle instances are retired after this long. */
  idleMs: number;
  /** Pre-spawned, not yet assigned sandboxes to keep ready. */
  prewarm: number;
  /** Live instances one sandbox process may hold; more go to another process of the same version. */
  instancesPerSandbox?: number;
  /**
   * Busy instances of a version before a call may wait briefly for one to free instead of starting
   * another (lib/executor/queueing.ts); default twice the cores. 0: never wait (one instance per call).
   */
  queueMinBusy?: number;
  /**
   * Calls of CPU-bound versions (any function) that run at once before the next waits its turn
   * (lib/executor/queueing.ts CpuGate); default twice the cores. 0: no cap.
   */
  cpuCap?: number;
  /**
   * Sandbox processes kept for function versions (pre-spawned ones not counted). Past it, the least
   * recently used idle ones retire first; busy ones are never ended for it, so under a burst the
   * count can pass the cap until they are idle.
   */
  maxSandboxes?: number;
  /** After a deadline, how long the worker gets to stop before the sandbox is SIGKILLed. */
  killGraceMs?: number;
  /** A cold start's module init budget, before the function's timeout starts (default 10 s, as Lambda's). */
  initTimeoutMs?: number;
  /** The Node that runs sandboxes (default: the server's own). */
  nodePath?: string;
  isolation?: Partial<IsolationSettings>;
  /** First of the uids sandboxes get when the server runs as root (one per live sandbox). */
  uidBase?: number;
  /** Where the supervisor reports (default: the process log, as `executor`). */
  log?: Logger;
  /**
   * Told after a timeout or crash ended an instance or a sandbox (for the audit log). Called
   * after the invocation is answered; the listener must not block (buffer, write later).
   */
  onSandboxKilled?: (e: SandboxKilledEvent) => void;
  /** Outbound network of sandboxes (docs/network.md). */
  network?: NetworkOptions;
  /**
   * Told the outbound connections of each invocation that made any (at most 100), after it is
   * answered; the listener must not block (lib/network/writer.ts buffers and writes in batches).
   */
  onConnections?: (functionId: string, requestId: string, rows: ConnectionRecord[]) => void;
}
