/**
 * The Monitor tab split by version: per bucket and version, invocations, errors and p99 — for
 * when an alias sends traffic to two versions (a weighted alias, a rollout) and the question is
 * whether the new one does as well as the old. Only versions that ran in the range are listed,
 * the busiest first (at most four). Same index range scan as series.ts.
 */
import type pg from "pg";
import { bucketWindow, type MetricsRange } from "@/lib/metrics/range";

export interface VersionSeries {
  version: string;
  invocations: number;
  errors: number;
  durationMsP99: number | null;
}

export interface VersionSplit {
  /** Versions that ran in the range, busiest first. */
  versions: VersionSeries[];
  /** Per bucket: `inv:<v>`, `err%:<v>` (null when it did not run) and `p99:<v>` for each version. */
  buckets: Array<{ t: number } & Record<string, number | null>>;
}

const MAX_VERSIONS = 4;

const SQL = `
SELECT version, GROUPING(bucket) = 1 AS total,
  (extract(epoch FROM bucket) * 1000)::float8 AS t,
  count(*)::int AS invocations,
  (count(*) FILTER (WHERE outcome <> 'Success'))::int AS errors,
  percentile_cont(0.99) WITHIN GROUP (ORDER BY "durationMs")::float8 AS p99
FROM (
  SELECT version, outcome, "durationMs",
    date_bin($4::float8 * interval '1 millisecond', "startedAt", timestamptz 'epoch') AS bucket
  FROM invocations
  WHERE "functionId" = $1::uuid AND outcome <> 'Throttled'
    AND "startedAt" >= to_timestamp($2::float8 / 1000) AND "startedAt" < to_timestamp($3::float8 / 1000)
) r
GROUP BY GROUPING SETS ((version, bucket), (version))`;

interface Row {
  version: string;
  total: boolean;
  t: number | null;
  invocations: number;
  errors: number;
  p99: number | null;
}

const round = (v: number) => Math.round(v * 100) / 100;

export async function getVersionSplit(
  db: pg.Pool | pg.PoolClient,
  functionId: string,
  range: MetricsRange,
  now: number = Date.now(),
): Promise<VersionSplit> {
  const w = bucketWindow(range, now);
  const { rows } = await db.query<Row>(SQL, [functionId, w.fromMs, w.toMs, w.stepMs]);
  const versions = rows
    .filter((r) => r.total)
    .sort((a, b) => b.invocations - a.invocations || a.version.localeCompare(b.version))
    .slice(0, MAX_VERSIONS)
    .map((r) => ({
      version: r.version,
      invocations: r.invocations,
      errors: r.errors,
      durationMsP99: r.p99 === null ? null : round(r.p99),
    }));
  const shown = new Set(versions.map((v) => v.version));
  const byT = new Map<number, Row[]>();
  for (const r of rows)
    if (!r.total && shown.has(r.version)) byT.set(Math.round(r.t!), [...(byT.get(Math.round(r.t!)) ?? []), r]);
  const buckets: VersionSplit["buckets"] = [];
  for (let t = w.fromMs; t < w.toMs; t += w.stepMs) {
    const b: { t: number } & Record<string, number | null> = { t };
    for (const v of versions) {
      const r = byT.get(t)?.find((x) => x.version === v.version);
      b[`inv:${v.version}`] = r?.invocations ?? 0;
      b[`err%:${v.version}`] = r ? round((r.errors / r.invocations) * 100) : null;
      b[`p99:${v.version}`] = r?.p99 === null || r?.p99 === undefined ? null : round(r.p99);
    }
    buckets.push(b);
  }
  return { versions, buckets };
}
