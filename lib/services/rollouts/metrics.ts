import type { Prisma } from "@/lib/generated/prisma/client";
import type { VersionStats } from "@/lib/services/rollouts/record";

/**
 * Invocations, errors and p99 of each version since `since`, from the invocation records.
 * Throttles are not the code's fault and are left out; every other non-success is an error. The
 * p99 is of warm invocations: a cold start's first call says how fast an instance starts, which
 * every new version pays once, not how fast the version runs.
 */
export async function versionStats(
  tx: Prisma.TransactionClient,
  functionId: string,
  versions: string[],
  since: Date,
): Promise<Map<string, VersionStats>> {
  const rows = await tx.$queryRaw<{ version: string; n: number; errors: number; p99: number | null }[]>`
    SELECT version, count(*)::int AS n, (count(*) FILTER (WHERE outcome <> 'Success'))::int AS errors,
           percentile_cont(0.99) WITHIN GROUP (ORDER BY "durationMs")
             FILTER (WHERE "initDurationMs" IS NULL)::float8 AS p99
      FROM invocations
     WHERE "functionId" = ${functionId}::uuid AND version = ANY(${versions}) AND "startedAt" >= ${since}
       AND outcome <> 'Throttled'
     GROUP BY version`;
  const out = new Map<string, VersionStats>();
  for (const v of versions) {
    const r = rows.find((x) => x.version === v);
    const n = r?.n ?? 0;
    const errors = r?.errors ?? 0;
    out.set(v, {
      version: v,
      invocations: n,
      errors,
      errorRate: n ? Math.round((errors / n) * 10_000) / 100 : 0,
      p99Ms: r?.p99 === null || r?.p99 === undefined ? null : Math.round(r.p99 * 10) / 10,
    });
  }
  return out;
}
