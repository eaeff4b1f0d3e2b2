/**
 * The Monitor tab's time ranges and how each is cut into buckets. Pure (no pg, no Next),
 * so the browser uses the same table for labels and the server for the SQL window.
 */
import { invalid } from "@/lib/errors";

export const METRICS_RANGES = ["1h", "24h", "7d"] as const;
export type MetricsRange = (typeof METRICS_RANGES)[number];

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** label: the switch's text; phrase: "… in the last hour"; per: "… per minute". */
export const RANGE_SPECS: Record<
  MetricsRange,
  { rangeMs: number; stepMs: number; label: string; phrase: string; per: string }
> = {
  "1h": { rangeMs: HOUR, stepMs: MINUTE, label: "1 hour", phrase: "the last hour", per: "minute" },
  "24h": { rangeMs: 24 * HOUR, stepMs: 15 * MINUTE, label: "24 hours", phrase: "the last 24 hours", per: "15 minutes" },
  "7d": { rangeMs: 7 * 24 * HOUR, stepMs: 2 * HOUR, label: "7 days", phrase: "the last 7 days", per: "2 hours" },
};

export function isMetricsRange(value: unknown): value is MetricsRange {
  return typeof value === "string" && (METRICS_RANGES as readonly string[]).includes(value);
}

/** The `range` query parameter: absent means the default (1h); anything unknown is a 400. */
export function parseRange(value: string | null | undefined): MetricsRange {
  if (value === null || value === undefined || value === "") return "1h";
  if (isMetricsRange(value)) return value;
  throw invalid(`range must be one of ${METRICS_RANGES.join(", ")} (got "${value.slice(0, 40)}")`);
}

export interface BucketWindow {
  stepMs: number;
  /** Start of the first bucket (epoch ms, inclusive). */
  fromMs: number;
  /** End of the last bucket (epoch ms, exclusive); the last bucket is the one holding `now`. */
  toMs: number;
  count: number;
}

/**
 * Buckets are aligned to the epoch (UTC), so a refresh a few seconds later yields the same
 * bucket boundaries and the chart does not shift under the user. The last bucket is the
 * current, partial one; the first starts a little after now − range, never before it.
 */
export function bucketWindow(range: MetricsRange, now: number): BucketWindow {
  const { rangeMs, stepMs } = RANGE_SPECS[range];
  const toMs = Math.floor(now / stepMs) * stepMs + stepMs;
  return { stepMs, fromMs: toMs - rangeMs, toMs, count: rangeMs / stepMs };
}
