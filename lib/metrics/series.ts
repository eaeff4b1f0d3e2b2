/**
 * The Monitor tab's numbers: one SQL statement over `invocations` for one function and range.
 * One index range scan ("functionId", "startedAt") feeds both the per-bucket rows and the
 * range totals (GROUPING SETS), and generate_series supplies the empty buckets so every
 * chart gets a continuous x axis. Server-only by use (it takes a pg Pool); types are shared.
 * Measured on 100k rows of one function (300k in the table, 2 cores): 7d ≈ 130 ms, 1h ≈ 2 ms.
 */
import type pg from "pg";
import { bucketWindow, type MetricsRange } from "@/lib/metrics/range";
import type { VersionSplit } from "@/lib/metrics/by-version";

export interface MetricsBucket {
  /** Bucket start, epoch ms. */
  t: number;
  /** Attempts that ran (throttled ones did not). */
  invocations: number;
  /** Ran and did not succeed: Error, Timeout, OutOfMemory, Crash. */
  errors: number;
  throttles: number;
  coldStarts: number;
  /** Calls that waited for a busy warm instance instead of a cold start (lib/executor/queueing.ts). */
  queued: number;
  /** The longest of those waits, ms; null when none waited. */
  queuedMsMax: number | null;
  /** Null when nothing ran in the bucket (a gap, not a zero). */
  durationMsP50: number | null;
  durationMsP90: number | null;
  durationMsP99: number | null;
  /** Average concurrent executions: busy time / elapsed bucket time. */
  concurrencyAvg: number;
}

export interface MetricsTotals {
  invocations: number;
  errors: number;
  throttles: number;
  coldStarts: number;
  queued: number;
  queuedMsMax: number | null;
  /** Billable requests: every attempt that ran (throttled requests are not billed). */
  requests: number;
  gbSeconds: number;
  durationMsP50: number | null;
  durationMsP90: number | null;
  durationMsP99: number | null;
  concurrencyAvg: number;
}

export interface FunctionMetrics {
  range: MetricsRange;
  stepMs: number;
  fromMs: number;
  toMs: number;
  generatedAt: number;
  buckets: MetricsBucket[];
  totals: MetricsTotals;
  /** Split by version (lib/metrics/by-version.ts) when more than one version ran in the range. */
  byVersion?: VersionSplit | null;
}

/** Exported so a test can EXPLAIN it and hold it to the index. */
export const FUNCTION_METRICS_SQL = `
WITH agg AS (
  SELECT bucket, GROUPING(bucket) = 1 AS total,
    count(*) FILTER (WHERE ran)::int AS invocations,
    count(*) FILTER (WHERE failed)::int AS errors,
    count(*) FILTER (WHERE NOT ran)::int AS throttles,
    count(*) FILTER (WHERE cold)::int AS cold_starts,
    count(*) FILTER (WHERE queued_ms IS NOT NULL)::int AS queued,
    max(queued_ms)::int AS queued_ms_max,
    percentile_cont(ARRAY[0.5, 0.9, 0.99]) WITHIN GROUP (ORDER BY ms) FILTER (WHERE ran) AS pct,
    coalesce(sum(ms), 0)::float8 AS busy_ms,
    coalesce(sum(gbs), 0)::float8 AS gb_seconds
  FROM (
    -- Only flags and numbers go to the sort by bucket, not the outcome text or unused columns.
    SELECT date_bin($4::float8 * interval '1 millisecond', "startedAt", timestamptz 'epoch') AS bucket,
      outcome <> 'Throttled' AS ran,
      outcome NOT IN ('Success', 'Throttled') AS failed,
      "initDurationMs" IS NOT NULL AS cold,
      "queuedMs" AS queued_ms,
      "durationMs" AS ms,
      "billedDurationMs"::float8 / 1000 * "memorySizeMb" / 1024 AS gbs
    FROM invocations
    WHERE "functionId" = $1::uuid
      AND "startedAt" >= to_timestamp($2::float8 / 1000) AND "startedAt" < to_timestamp($3::float8 / 1000)
  ) r
  GROUP BY GROUPING SETS ((bucket), ())
)
SELECT * FROM (
  SELECT (extract(epoch FROM g.bucket) * 1000)::float8 AS t,
    a.invocations, a.errors, a.throttles, a.cold_starts, a.queued, a.queued_ms_max, a.pct, a.busy_ms, a.gb_seconds
  FROM generate_series(
    to_timestamp($2::float8 / 1000),
    to_timestamp($3::float8 / 1000) - $4::float8 * interval '1 millisecond',
    $4::float8 * interval '1 millisecond'
  ) AS g(bucket)
  LEFT JOIN agg a ON a.bucket = g.bucket AND NOT a.total
  UNION ALL
  SELECT NULL, invocations, errors, throttles, cold_starts, queued, queued_ms_max, pct, busy_ms, gb_seconds
    FROM agg WHERE total
) x ORDER BY t NULLS LAST`;

interface Row {
  t: number | null;
  invocations: number | null;
  errors: number | null;
  throttles: number | null;
  cold_starts: number | null;
  queued: number | null;
  queued_ms_max: number | null;
  pct: number[] | null;
  busy_ms: number | null;
  gb_seconds: number | null;
}

const round = (v: number, places: number) => Math.round(v * 10 ** places) / 10 ** places;
const pctAt = (row: Row, i: number) => (row.pct?.[i] == null ? null : round(row.pct[i], 2));
// The current bucket has only partly elapsed; dividing by its full length would understate
// it. A floor of one second keeps a bucket that began a moment ago from spiking.
const elapsedMs = (start: number, end: number, now: number) => Math.max(Math.min(end, now) - start, 1000);

export async function getFunctionMetrics(
  db: pg.Pool | pg.PoolClient,
  functionId: string,
  range: MetricsRange,
  now: number = Date.now(),
): Promise<FunctionMetrics> {
  const w = bucketWindow(range, now);
  const { rows } = await db.query<Row>(FUNCTION_METRICS_SQL, [functionId, w.fromMs, w.toMs, w.stepMs]);
  // The grand total (the empty grouping set) is the last row; it exists even when nothing ran.
  const total = rows.at(-1);
  if (!total) throw new Error("The metrics query returned no totals row");
  const buckets: MetricsBucket[] = rows.slice(0, -1).map((r) => ({
    t: r.t!,
    invocations: r.invocations ?? 0,
    errors: r.errors ?? 0,
    throttles: r.throttles ?? 0,
    coldStarts: r.cold_starts ?? 0,
    queued: r.queued ?? 0,
    queuedMsMax: r.queued_ms_max ?? null,
    durationMsP50: pctAt(r, 0),
    durationMsP90: pctAt(r, 1),
    durationMsP99: pctAt(r, 2),
    concurrencyAvg: round((r.busy_ms ?? 0) / elapsedMs(r.t!, r.t! + w.stepMs, now), 4),
  }));
  const invocations = total.invocations ?? 0;
  return {
    range,
    stepMs: w.stepMs,
    fromMs: w.fromMs,
    toMs: w.toMs,
    generatedAt: now,
    buckets,
    totals: {
      invocations,
      errors: total.errors ?? 0,
      throttles: total.throttles ?? 0,
      coldStarts: total.cold_starts ?? 0,
      queued: total.queued ?? 0,
      queuedMsMax: total.queued_ms_max ?? null,
      requests: invocations,
      gbSeconds: total.gb_seconds ?? 0,
      durationMsP50: pctAt(total, 0),
      durationMsP90: pctAt(total, 1),
      durationMsP99: pctAt(total, 2),
      concurrencyAvg: round((total.busy_ms ?? 0) / elapsedMs(w.fromMs, w.toMs, now), 4),
    },
  };
}
