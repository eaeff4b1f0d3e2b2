import type { RolloutRecord, VersionStats } from "@/lib/services/rollouts/record";

export type Verdict = { verdict: "rollback" | "healthy" | "too-few"; message: string };

/** Latency differences smaller than this are noise, whatever their ratio. */
const MIN_P99_GAP_MS = 5;

/**
 * Whether the new version is doing worse than the stable one, by the rollout's thresholds: its
 * error rate more than `maxErrorRateIncrease` points higher, or its p99 more than `maxP99Ratio`
 * times the stable one's. Too few invocations of the new version give no verdict.
 */
export function judge(
  r: Pick<RolloutRecord, "maxErrorRateIncrease" | "maxP99Ratio" | "minInvocations">,
  stable: VersionStats,
  candidate: VersionStats,
): Verdict {
  const vNew = `version ${candidate.version}`;
  const vOld = `version ${stable.version}`;
  if (candidate.invocations < r.minInvocations)
    return {
      verdict: "too-few",
      message: `${candidate.invocations} invocations of ${vNew} (fewer than ${r.minInvocations}): no verdict`,
    };
  const gap = candidate.errorRate - stable.errorRate;
  if (gap > r.maxErrorRateIncrease)
    return {
      verdict: "rollback",
      message:
        `${vNew} failed ${candidate.errors} of ${candidate.invocations} (${candidate.errorRate}%), ` +
        `${round(gap)} points over ${vOld}'s ${stable.errorRate}% (allowed: ${r.maxErrorRateIncrease})`,
    };
  const [p, q] = [candidate.p99Ms, stable.p99Ms];
  if (r.maxP99Ratio > 0 && p !== null && q !== null && stable.invocations >= r.minInvocations) {
    if (p > q * r.maxP99Ratio && p - q >= MIN_P99_GAP_MS)
      return {
        verdict: "rollback",
        message: `${vNew}'s p99 ${p} ms is ${round(p / Math.max(q, 0.1))}× ${vOld}'s ${q} ms (allowed: ${r.maxP99Ratio}×)`,
      };
  }
  return {
    verdict: "healthy",
    message:
      `${vNew}: ${candidate.errorRate}% errors, p99 ${p ?? "–"} ms over ${candidate.invocations} invocations; ` +
      `${vOld}: ${stable.errorRate}%, p99 ${q ?? "–"} ms over ${stable.invocations}`,
  };
}

const round = (n: number) => Math.round(n * 10) / 10;
