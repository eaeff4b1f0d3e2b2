/**
 * Pre-spawned sandboxes, booted before anyone asks (with a worker already loaded), so a cold
 * start costs writing the code and importing it instead of starting a process. One that dies
 * is replaced — but with back-off when they keep dying at boot, never in a tight loop.
 */
import type { Sandbox } from "@/lib/executor/sandbox";
import type { Logger } from "@/lib/log";

export class PrewarmPool {
  private readonly ready: Sandbox[] = [];
  private bootFailures = 0;
  private respawnTimer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly target: number,
    private readonly spawn: () => Sandbox,
    private readonly log: Logger,
  ) {}

  get size(): number {
    return this.ready.length;
  }

  /** Resolves once the pre-spawned sandboxes have booted. */
  booted(): Promise<unknown> {
    return Promise.all(this.ready.map((s) => s.ready));
  }

  /** A pre-spawned sandbox, if one is ready; the pool refills itself soon after. */
  take(): Sandbox | undefined {
    const sb = this.ready.shift();
    queueMicrotask(() => this.fill());
    return sb;
  }

  fill(): void {
    if (this.stopped || this.respawnTimer) return;
    while (this.ready.length < this.target) {
      const sb = this.spawn();
      this.ready.push(sb);
      void sb.ready.then(() => {
        if (sb.state !== "dead") this.bootFailures = 0;
      });
    }
  }

  /** A sandbox exited: if it was one of ours, replace it (with back-off after repeated failures). */
  exited(sb: Sandbox, why: string): void {
    const i = this.ready.indexOf(sb);
    if (i < 0) return;
    this.ready.splice(i, 1);
    if (this.stopped) return;
    this.bootFailures++;
    if (this.bootFailures > 1)
      this.log.warn(`pre-spawned sandbox exited (${why})`, { bootFailures: this.bootFailures });
    const delay = this.bootFailures > 1 ? Math.min(30_000, 50 * 2 ** Math.min(this.bootFailures, 10)) : 0;
    if (this.respawnTimer) return;
    this.respawnTimer = setTimeout(() => {
      this.respawnTimer = null;
      this.fill();
    }, delay);
    this.respawnTimer.unref();
  }

  stop(): void {
    this.stopped = true;
    if (this.respawnTimer) clearTimeout(this.respawnTimer);
  }
}
