/** The functions the benchmark deploys, as source text (and in-process for the baseline). */
export const sources = {
  noop: `export const handler = async () => null;`,
  echo: `export const handler = async (event) => event;`,
  cpu: `export const handler = async () => { const end = performance.now() + 1; let x = 0; while (performance.now() < end) x++; return x > 0; };`,
  hold: `export const handler = async (e) => { await new Promise((r) => setTimeout(r, e.ms ?? 300)); return null; };`,
} as const;

export type BenchFunction = keyof typeof sources;

/** The same handlers, in-process, for the baseline server. */
export const inProcess: Record<BenchFunction, (event: unknown) => Promise<unknown>> = {
  noop: async () => null,
  echo: async (event) => event,
  cpu: async () => {
    const end = performance.now() + 1;
    let x = 0;
    while (performance.now() < end) x++;
    return x > 0;
  },
  hold: async (e) => {
    await new Promise((r) => setTimeout(r, (e as { ms?: number }).ms ?? 300));
    return null;
  },
};
