/**
 * Holds each instance to its configured memory, counting what Lambda counts: the V8 heap and
 * everything outside it (Buffers, ArrayBuffers, typed arrays). resourceLimits bound only the
 * heap; this samples every worker's footprint from the host's main thread (Worker
 * getHeapStatistics, Node 24: answered through a V8 interrupt, so a worker stuck in a loop
 * that allocates is sampled too) and ends a worker over its limit. Sampling is faster near the
 * limit, so a fast allocator is caught close to it; the sandbox's RLIMIT_DATA stays the backstop.
 */
import type { Worker } from "node:worker_threads";

export interface Guarded {
  worker: Worker;
  memoryMb: number;
  exited: boolean;
  /** Set when the guard ended the worker: its footprint then, in MB. */
  overMb?: number;
}

/** Heap (all of it V8 has taken) plus external and malloced memory, in MB. */
export function footprintMb(h: { total_heap_size: number; external_memory?: number; malloced_memory: number }) {
  return (h.total_heap_size + (h.external_memory ?? 0) + h.malloced_memory) / 1048576;
}

const SLOW_MS = 50;
const FAST_MS = 10;

export class MemoryGuard {
  private timer: NodeJS.Timeout | null = null;
  private busy = false;

  constructor(private readonly instances: () => Iterable<Guarded>) {}

  start(): void {
    this.schedule(SLOW_MS);
  }

  private schedule(ms: number) {
    this.timer = setTimeout(() => void this.sample(), ms);
    this.timer.unref();
  }

  private async sample(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    let near = false;
    try {
      await Promise.all(
        [...this.instances()].map(async (inst) => {
          if (inst.exited || inst.overMb !== undefined) return;
          const stats = await inst.worker.getHeapStatistics().catch(() => null);
          if (!stats) return;
          const mb = footprintMb(stats);
          if (mb > inst.memoryMb) {
            inst.overMb = Math.ceil(mb);
            void inst.worker.terminate();
          } else if (mb > inst.memoryMb * 0.5) near = true;
        }),
      );
    } finally {
      this.busy = false;
      this.schedule(near ? FAST_MS : SLOW_MS);
    }
  }
}

/** Whether this Node can sample a worker's heap from outside it (Worker getHeapStatistics: Node 24). */
export const canGuard = (w: Worker) => typeof (w as { getHeapStatistics?: unknown }).getHeapStatistics === "function";
