/**
 * The sandboxes of each function, for its current revision only: a newer revision drains the
 * older ones (their in-flight calls finish, they take no new work).
 */
import type { Sandbox } from "@/lib/executor/sandbox";

interface FunctionPool {
  revision: number;
  /** Sandboxes serving `revision` that still take new work. */
  sandboxes: Sandbox[];
}

export class FunctionPools {
  private readonly pools = new Map<string, FunctionPool>();

  /**
   * The sandboxes that may take a call for this revision of the function, or null when the call
   * was resolved against an older revision than the one now served (a cache race: serve it once,
   * on a sandbox of its own).
   */
  serving(functionId: string, revision: number): Sandbox[] | null {
    let pool = this.pools.get(functionId);
    if (!pool) {
      pool = { revision, sandboxes: [] };
      this.pools.set(functionId, pool);
    }
    if (revision > pool.revision) {
      for (const sb of pool.sandboxes) sb.drain();
      pool.sandboxes = [];
      pool.revision = revision;
    } else if (revision < pool.revision) return null;
    pool.sandboxes = pool.sandboxes.filter((s) => s.state !== "dead" && s.state !== "draining");
    return pool.sandboxes;
  }

  add(functionId: string, sb: Sandbox): void {
    this.pools.get(functionId)?.sandboxes.push(sb);
  }

  /** Drains the function's sandboxes unless they serve `keepRevision`; forgets it when none is kept. */
  retire(functionId: string, keepRevision?: number): void {
    const pool = this.pools.get(functionId);
    if (!pool) return;
    if (keepRevision === undefined || pool.revision !== keepRevision) {
      for (const sb of pool.sandboxes) sb.drain();
      pool.sandboxes = [];
    }
    if (keepRevision === undefined) this.pools.delete(functionId);
  }

  /** A sandbox exited. */
  forget(sb: Sandbox): void {
    for (const pool of this.pools.values()) pool.sandboxes = pool.sandboxes.filter((s) => s !== sb);
  }
}
