/** The supervisor's side of the spawner process (see spawner/main.ts). */
import { fork, type ChildProcess } from "node:child_process";
import type { NetSpec } from "@/lib/executor/network/spec";
import type { Logger } from "@/lib/log";

export interface SpawnCallbacks {
  onSpawned(pid: number): void;
  onExit(code: number | null, signal: NodeJS.Signals | null, stderr: string): void;
  /** Its resolver opened these addresses (allow-list mode). */
  onOpened?(addresses: string[]): void;
  /** Its network namespace is connected (pasta attached). */
  onNetworkReady?(): void;
}

/** One sandbox to start: its command line, and the network namespace to make for it first. */
export interface SpawnRequest {
  id: string;
  command: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
  net?: NetSpec;
}

interface FromSpawner {
  t: string;
  id: string;
  pid?: number;
  code?: number | null;
  signal?: NodeJS.Signals | null;
  stderr?: string;
  addresses?: unknown;
  removed?: number;
}

export class SpawnerClient {
  private child: ChildProcess | null = null;
  private readonly waiting = new Map<string, SpawnCallbacks>();
  private stopped = false;
  private shutdownDone: (() => void) | null = null;

  constructor(
    private readonly script: string,
    private readonly env: Record<string, string>,
    private readonly log: Logger,
    /** Namespaces are in use: clean up what a killed server left (once per spawner start). */
    private readonly networks = false,
  ) {
    this.start();
  }

  private start(): void {
    const child = fork(this.script, [], {
      env: this.env as NodeJS.ProcessEnv,
      execArgv: [],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
      serialization: "json",
    });
    child.on("message", (m: FromSpawner) => {
      if (m.t === "leftovers") {
        if (m.removed) this.log.info(`removed ${m.removed} network namespace(s) left by an earlier server`);
        return;
      }
      if (m.t === "shutdown-done") {
        this.shutdownDone?.();
        return;
      }
      const cb = this.waiting.get(m.id);
      if (!cb) return;
      if (m.t === "spawned" && typeof m.pid === "number") cb.onSpawned(m.pid);
      else if (m.t === "net-ready") cb.onNetworkReady?.();
      else if (m.t === "opened" && Array.isArray(m.addresses))
        cb.onOpened?.(m.addresses.filter((a): a is string => typeof a === "string"));
      else if (m.t === "exit") {
        this.waiting.delete(m.id);
        cb.onExit(m.code ?? null, m.signal ?? null, String(m.stderr ?? ""));
      }
    });
    child.on("exit", (code, signal) => {
      if (this.stopped) return;
      // Sandboxes it started keep running (their control connections tell us when they end).
      this.log.error(`the spawner exited (code ${code}, signal ${signal}); restarting it`);
      this.child = null;
      setTimeout(() => !this.stopped && this.start(), 100).unref();
    });
    this.child = child;
    if (this.networks) child.send({ t: "init" });
  }

  spawn(req: SpawnRequest, cb: SpawnCallbacks): void {
    const { id } = req;
    this.waiting.set(id, cb);
    if (!this.child?.connected) {
      this.waiting.delete(id);
      queueMicrotask(() => cb.onExit(null, null, "the spawner is not running"));
      return;
    }
    this.child.send({ t: "spawn", ...req });
  }

  /** The sandbox's exit will not be reported (e.g. it was started by an earlier spawner). */
  forget(id: string): void {
    this.waiting.delete(id);
  }

  /** Lets the spawner remove the sandboxes' namespaces (bounded), then stops it. */
  async stop(): Promise<void> {
    if (this.networks && this.child?.connected) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 4000);
        this.shutdownDone = () => {
          clearTimeout(timer);
          resolve();
        };
        this.child?.send({ t: "shutdown" });
      });
    }
    this.stopped = true;
    this.child?.kill("SIGKILL");
  }
}
