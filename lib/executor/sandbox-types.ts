/** A sandbox's settings, its instances' state, and what it tells the supervisor. */
import type net from "node:net";
import type { ChunkFrame, FatalFrame, FromHost, LogsFrame, ResultFrame } from "@/lib/executor/protocol";
import type { IsolationPlan, IsolationSettings } from "@/lib/executor/isolation";
import type { EgressContext } from "@/lib/executor/network/records";
import type { NetSpec } from "@/lib/executor/network/spec";
import type { Sandbox } from "@/lib/executor/sandbox";

export interface SandboxOptions {
  id: string;
  hostScript: string;
  socketPath: string;
  /** Resolves once the socket exists (bubblewrap mounts it into the sandbox). */
  socketReady: Promise<void>;
  workDir: string;
  spareMemoryMb: number;
  baseEnv: Record<string, string>;
  nodePath: string;
  nodeMajor: number;
  isolation: { plan: IsolationPlan; settings: IsolationSettings };
  /** The uid this sandbox runs as (when the plan switches uids). */
  uid: number;
  /** Size of its /tmp in MB (fixed at start). */
  tmpMb: number;
  /** Its network namespace, made by the spawner before it starts; none: bubblewrap's empty one. */
  net?: NetSpec;
  /** The resolv.conf, hosts and nsswitch.conf it sees in /etc. */
  etcDir?: string;
  /** What its connections are judged by (the addresses its resolver opens are added as they come). */
  egress: Omit<EgressContext, "opened">;
}

export interface InstanceState {
  iid: number;
  /** Calls running on it now. */
  active: number;
  /** How many calls it may run at once (the function's instance concurrency; 1 is Lambda's rule). */
  capacity: number;
  /** Its module has loaded: a call placed on it before then gets the init budget too. */
  ready: boolean;
  /** A call on it timed out while others ran: it takes no new call and ends with its last one. */
  retiring: boolean;
  lastUsed: number;
  dead: boolean;
  lane: net.Socket | null;
  /** Invocations sent before the instance connected its lane. */
  queued: Buffer[];
}

export interface SandboxEvents {
  onResult(sb: Sandbox, inst: InstanceState, header: ResultFrame, body: Buffer): void;
  onFatal(sb: Sandbox, inst: InstanceState, frame: FatalFrame): void;
  onLogs(sb: Sandbox, inst: InstanceState, frame: LogsFrame): void;
  onChunk(sb: Sandbox, inst: InstanceState, frame: ChunkFrame, body: Buffer): void;
  onInstanceExit(sb: Sandbox, msg: Extract<FromHost, { t: "exit" }>): void;
  onExit(sb: Sandbox, code: number | null, signal: NodeJS.Signals | null, stderrTail: string): void;
}
