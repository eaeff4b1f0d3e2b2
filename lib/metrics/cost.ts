/**
 * What the measured usage would cost on AWS Lambda: duration (GB-seconds) plus requests.
 * Pure, so the console recomputes it as the user edits prices.
 */

export interface Prices {
  /** USD per GB-second of billed duration. */
  perGbSecondUsd: number;
  /** USD per one million requests. */
  perMillionRequestsUsd: number;
  /**
   * Free allowance subtracted before pricing; 0 by default (the free tier is per account and month,
   * not per function).
   */
  freeGbSeconds?: number;
  freeRequests?: number;
}

/** AWS's published x86 prices (us-east-1, first pricing tier). */
export const DEFAULT_PRICES: Prices = { perGbSecondUsd: 0.0000166667, perMillionRequestsUsd: 0.2 };

export interface CostEstimate {
  computeUsd: number;
  requestsUsd: number;
  totalUsd: number;
}

export function estimateCost(
  totals: { gbSeconds: number; requests: number },
  prices: Prices = DEFAULT_PRICES,
): CostEstimate {
  const gbSeconds = Math.max(0, totals.gbSeconds - (prices.freeGbSeconds ?? 0));
  const requests = Math.max(0, totals.requests - (prices.freeRequests ?? 0));
  const computeUsd = gbSeconds * prices.perGbSecondUsd;
  const requestsUsd = (requests / 1_000_000) * prices.perMillionRequestsUsd;
  return { computeUsd, requestsUsd, totalUsd: computeUsd + requestsUsd };
}

/** A price typed by the user: a finite, non-negative number, or null when it is not one. */
export function parsePrice(text: string): number | null {
  const t = text.trim();
  if (t === "" || !/^\d*\.?\d*(e-?\d+)?$/i.test(t)) return null;
  const v = Number(t);
  return Number.isFinite(v) && v >= 0 ? v : null;
}

const DAYS_30_MS = 30 * 24 * 3_600_000;

/** The 30-day cost if every stretch of time looked like the measured one (a rate, not a forecast). */
export function projectThirtyDaysUsd(totalUsd: number, measuredMs: number): number {
  return measuredMs > 0 ? totalUsd * (DAYS_30_MS / measuredMs) : 0;
}
