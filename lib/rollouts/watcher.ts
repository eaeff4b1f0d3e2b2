/**
 * Watches running rollouts: every `everyMs` it runs `tick` (stepRunningRollouts over the services),
 * never two at once, and logs what changed. Kept free of Prisma and Next: the tick is given.
 */
import type { Logger } from "@/lib/log";

export interface RolloutChange {
  alias: string;
  state: string;
  weight: number;
  reason: string;
  toVersion: string;
}

export class RolloutWatcher {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(private readonly o: { everyMs: number; tick: () => Promise<RolloutChange[]>; log: Logger }) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.check(), this.o.everyMs);
    this.timer.unref();
  }

  /** One look at every running rollout now (also what the timer does). */
  check(): Promise<void> {
    this.running ??= this.o
      .tick()
      .then((changes) => {
        for (const c of changes) {
          const what =
            c.state === "running" ? `version ${c.toVersion} now gets ${Math.round(c.weight * 100)}%` : c.state;
          this.o.log.info(`rollout on alias ${c.alias}: ${what}${c.reason ? ` (${c.reason})` : ""}`);
        }
      })
      .catch((e: Error) => this.o.log.warn(`could not check the rollouts: ${e.message}`))
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
