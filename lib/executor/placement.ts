/**
 * Where an invocation runs, decided over the sandboxes of one function version without side
 * effects (as piscina's balancer chooses among its workers): the most recently used idle
 * instance (its caches are warmest), else a new instance in a sandbox with room, else a new
 * sandbox. And which idle sandboxes give way when there are more than the cap.
 */
import type { InstanceState, Sandbox } from "@/lib/executor/sandbox";
import type { Logger } from "@/lib/log";

export type Placement =
  | { kind: "warm"; sb: Sandbox; inst: InstanceState }
  | { kind: "cold"; sb: Sandbox }
  | { kind: "new-sandbox" };

/** `sandboxes`: those serving the version and still taking work. */
export function choosePlacement(sandboxes: readonly Sandbox[], instancesPerSandbox: number): Placement {
  let best: { sb: Sandbox; inst: InstanceState } | undefined;
  for (const sb of sandboxes) {
    const inst = sb.idleInstance();
    if (inst && (!best || inst.lastUsed > best.inst.lastUsed)) best = { sb, inst };
  }
  if (best) return { kind: "warm", ...best };
  const roomy = sandboxes.find((s) => s.liveInstances < instancesPerSandbox);
  return roomy ? { kind: "cold", sb: roomy } : { kind: "new-sandbox" };
}

/**
 * The sandboxes to retire so that `incoming` more fit under `max`: idle ones only, least
 * recently used first. Busy ones never go, so a burst may pass the cap until they are idle.
 */
export function overCap(assigned: readonly Sandbox[], max: number, incoming = 0): Sandbox[] {
  const over = assigned.length + incoming - max;
  if (over <= 0) return [];
  return assigned
    .filter((s) => s.inFlight === 0)
    .sort((a, b) => a.lastUsed - b.lastUsed)
    .slice(0, over);
}

/** Retires idle sandboxes over the cap (NIMBUS_MAX_SANDBOXES), and says so at most once a minute. */
export class CapRetirement {
  private retired = 0;
  private loggedAt = 0;

  constructor(
    private readonly max: number | undefined,
    private readonly log: Logger,
  ) {}

  retire(assigned: readonly Sandbox[], incoming = 0): void {
    if (!this.max) return;
    const victims = overCap(assigned, this.max, incoming);
    if (!victims.length) return;
    for (const sb of victims) sb.drain();
    this.retired += victims.length;
    const now = Date.now();
    if (now - this.loggedAt > 60_000) {
      this.loggedAt = now;
      this.log.warn(
        `${this.max} sandbox processes (NIMBUS_MAX_SANDBOXES) reached: ` +
          `the least recently used idle ones retire first (${this.retired} so far)`,
      );
    }
  }
}
