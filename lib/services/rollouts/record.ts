import type { Rollout } from "@/lib/generated/prisma/client";

/** The numbers one version showed in a window of a rollout. */
export interface VersionStats {
  version: string;
  invocations: number;
  errors: number;
  /** Errors per hundred invocations. */
  errorRate: number;
  /** 99th percentile duration, ms (null: no invocations). */
  p99Ms: number | null;
}

/** One decision a rollout took, with what it saw. */
export interface RolloutDecision {
  at: string;
  action: "start" | "advance" | "hold" | "promote" | "rollback" | "cancel";
  /** The new version's share after the decision (0–1). */
  weight: number;
  message: string;
  stable?: VersionStats;
  candidate?: VersionStats;
}

export type RolloutState = "running" | "succeeded" | "rolled-back" | "cancelled";

export interface RolloutRecord {
  id: string;
  functionId: string;
  alias: string;
  fromVersion: string;
  toVersion: string;
  strategy: "canary" | "linear";
  stepPercent: number;
  intervalSeconds: number;
  maxErrorRateIncrease: number;
  maxP99Ratio: number;
  minInvocations: number;
  state: RolloutState;
  weight: number;
  decisions: RolloutDecision[];
  reason: string;
  startedBy: string;
  startedAt: Date;
  nextStepAt: Date;
  finishedAt: Date | null;
}

export const toRolloutRecord = (row: Rollout): RolloutRecord => ({
  ...row,
  strategy: row.strategy as RolloutRecord["strategy"],
  state: row.state as RolloutState,
  decisions: row.decisions as unknown as RolloutDecision[],
});
