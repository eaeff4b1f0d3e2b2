/** The supervisor's side of the spawner process (see spawner/main.ts). */
import { fork, type ChildProcess } from "node:child_process";
import type { Logger } from "@/lib/log";

export interface SpawnCallbacks {
  onSpawned(pid: number): void;
  onExit(code: number | null, signal: NodeJS.Signals | null, stderr: string): void;
}

export class SpawnerClient {
  private child: ChildProcess | null = null;
  private readonly waiting = new Map<string, SpawnCallbacks>();
  private stopped = false;

  constructor(
    private readonly script: string,
    private readonly env: Record<string, string>,
    private readonly log: Logger,
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
    child.on(
      "message",
      (m: {
        t: string;
        id: string;
        pid?: number;
        code?: number | null;
        signal?: NodeJS.Signals | null;
        stderr?: string;
      }) => {
        const cb = this.waiting.get(m.id);
        if (!cb) return;
        if (m.t === "spawned" && typeof m.pid === "number") cb.onSpawned(m.pid);
        else if (m.t === "exit") {
          this.waiting.delete(m.id);
          cb.onExit(m.code ?? null, m.signal ?? null, String(m.stderr ?? ""));
        }
      },
    );
    child.on("exit", (code, signal) => {
      if (this.stopped) return;
      // Sandboxes it started keep running (their control connections tell us when they end).
      this.log.error(`the spawner exited (code ${code}, signal ${signal}); restarting it`);
      this.child = null;
      setTimeout(() => !this.stopped && this.start(), 100).unref();
    });
    this.child = child;
  }

  spawn(
    id: string,
    command: string,
    args: string[],
    cwd: string,
    env: Record<string, string>,
    cb: SpawnCallbacks,
  ): void {
    this.waiting.set(id, cb);
    if (!this.child?.connected) {
      this.waiting.delete(id);
      queueMicrotask(() => cb.onExit(null, null, "the spawner is not running"));
      return;
    }
    this.child.send({ t: "spawn", id, command, args, cwd, env });
  }

  /** The sandbox's exit will not be reported (e.g. it was started by an earlier spawner). */
  forget(id: string): void {
    this.waiting.delete(id);
  }

  stop(): void {
    this.stopped = true;
    this.child?.kill("SIGKILL");
  }
}
