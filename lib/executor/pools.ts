/**
 * The sandboxes of each function version: $LATEST's for its current revision only (a newer revision
 * drains the older ones: their in-flight calls finish, they take no new work); each published
 * version's apart, as versions never change. Keyed by poolKey(functionId, version).
 */
import type { Sandbox } from "@/lib/executor/sandbox";

interface FunctionPool {
  revision: number;
  /** Sandboxes serving `revision` that still take new work. */
  sandboxes: Sandbox[];
}

/** $LATEST's pool is the function's id; a version's is `id@N`. */
export const poolKey = (functionId: string, version: string) =>
  version === "$LATEST" ? functionId : `${functionId}@${version}`;

export class FunctionPools {
  private readonly pools = new Map<string, FunctionPool>();

  /**
   * The sandboxes that may take a call for this revision of the function, or null when the call
   * was resolved against an older revision than the one now served (a cache race: serve it once,
   * on a sandbox of its own).
   */
  serving(key: string, revision: number): Sandbox[] | null {
    let pool = this.pools.get(key);
    if (!pool) {
      pool = { revision, sandboxes: [] };
      this.pools.set(key, pool);
    }
    if (revision > pool.revision) {
      for (const sb of pool.sandboxes) sb.drain();
      pool.sandboxes = [];
      pool.revision = revision;
    } else if (revision < pool.revision) return null;
    pool.sandboxes = pool.sandboxes.filter((s) => s.state !== "dead" && s.state !== "draining");
    return pool.sandboxes;
  }

  add(key: string, sb: Sandbox): void {
    this.pools.get(key)?.sandboxes.push(sb);
  }

  /**
   * Drains $LATEST's sandboxes unless they serve `keepRevision`. Without one (the function is gone)
   * every pool of the function, its versions' too, is drained and forgotten.
   */
  retire(functionId: string, keepRevision?: number): void {
    for (const [key, pool] of this.pools) {
      const latest = key === functionId;
      if (!latest && !key.startsWith(`${functionId}@`)) continue;
      if (keepRevision !== undefined && (!latest || pool.revision === keepRevision)) continue;
      for (const sb of pool.sandboxes) sb.drain();
      pool.sandboxes = [];
      if (keepRevision === undefined) this.pools.delete(key);
    }
  }

  /** A sandbox exited. */
  forget(sb: Sandbox): void {
    for (const pool of this.pools.values()) pool.sandboxes = pool.sandboxes.filter((s) => s !== sb);
  }
}
