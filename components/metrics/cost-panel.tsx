"use client";
import type { ReactNode } from "react";
import { Card } from "@/components/ui/states";
import { Field } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { DEFAULT_PRICES, estimateCost, projectThirtyDaysUsd } from "@/lib/metrics/cost";
import { formatCount, formatGbSeconds, formatUsd } from "@/lib/metrics/format";
import type { MetricsTotals } from "@/lib/queries/metrics";
import type { StoredPrices } from "@/components/metrics/use-stored-prices";

/**
 * "Pay only for what runs": what the measured usage would cost on Lambda — billed duration
 * × memory (GB-seconds) plus requests — at prices the user can change.
 */
export function CostPanel({
  totals,
  phrase,
  measuredMs,
  pricing,
}: {
  totals: MetricsTotals;
  phrase: string;
  measuredMs: number;
  pricing: StoredPrices;
}) {
  const cost = estimateCost(totals, pricing.prices);
  const isDefault =
    pricing.prices.perGbSecondUsd === DEFAULT_PRICES.perGbSecondUsd &&
    pricing.prices.perMillionRequestsUsd === DEFAULT_PRICES.perMillionRequestsUsd;
  return (
    <Card title="Cost estimate">
      <p className="mb-4 text-sm text-slate-600 dark:text-slate-300">
        You pay only for what runs: billed duration × memory, plus requests. Idle time and throttled requests cost
        nothing. Usage in {phrase}:
      </p>
      <div className="grid gap-6 md:grid-cols-2">
        <dl className="grid grid-cols-2 gap-x-4 gap-y-3 text-sm">
          <Stat
            label="Compute (GB-seconds)"
            value={formatGbSeconds(totals.gbSeconds)}
            sub={formatUsd(cost.computeUsd)}
          />
          <Stat label="Requests" value={formatCount(totals.requests)} sub={formatUsd(cost.requestsUsd)} />
          <Stat
            label="Estimated cost"
            value={<span className="text-lg font-semibold">{formatUsd(cost.totalUsd)}</span>}
            sub={isDefault ? "at AWS x86 prices, no free tier" : "at your prices, no free tier"}
          />
          <Stat
            label="Per 30 days at this rate"
            value={formatUsd(projectThirtyDaysUsd(cost.totalUsd, measuredMs))}
            sub="a rate, not a forecast"
          />
        </dl>
        <div className="space-y-3">
          <Field
            label="Price per GB-second (USD)"
            inputMode="decimal"
            autoComplete="off"
            value={pricing.drafts.perGbSecondUsd}
            onChange={(e) => pricing.setDraft("perGbSecondUsd", e.target.value)}
            error={pricing.errors.perGbSecondUsd}
            hint={`AWS x86: ${DEFAULT_PRICES.perGbSecondUsd}`}
          />
          <Field
            label="Price per 1 million requests (USD)"
            inputMode="decimal"
            autoComplete="off"
            value={pricing.drafts.perMillionRequestsUsd}
            onChange={(e) => pricing.setDraft("perMillionRequestsUsd", e.target.value)}
            error={pricing.errors.perMillionRequestsUsd}
            hint={`AWS: ${DEFAULT_PRICES.perMillionRequestsUsd.toFixed(2)}`}
          />
          <Button variant="ghost" className="disabled:opacity-50" onClick={pricing.reset} disabled={isDefault}>
            Reset to AWS prices
          </Button>
        </div>
      </div>
    </Card>
  );
}

function Stat({ label, value, sub }: { label: string; value: ReactNode; sub: ReactNode }) {
  return (
    <div>
      <dt className="text-xs text-slate-500 dark:text-slate-400">{label}</dt>
      <dd className="font-mono tabular-nums">{value}</dd>
      <dd className="text-xs text-slate-500 dark:text-slate-400">{sub}</dd>
    </div>
  );
}
