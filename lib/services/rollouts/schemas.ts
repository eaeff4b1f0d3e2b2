/** Validation for rollouts: a strategy, its step and interval, and the thresholds it is watched against. */
import { z } from "zod";
import { aliasName } from "@/lib/services/aliases/schemas";

const between = (min: number, max: number, what: string) =>
  z
    .number({ error: `${what} must be a number` })
    .min(min, `${what} must be between ${min} and ${max}`)
    .max(max, `${what} must be between ${min} and ${max}`);

export const startRolloutInput = z.object({
  alias: aliasName,
  toVersion: z.string().regex(/^[1-9][0-9]{0,9}$/, "The new version must be a published version number"),
  /** canary: stepPercent for one interval, then everything; linear: stepPercent more every interval. */
  strategy: z.enum(["canary", "linear"], { error: "Strategy must be canary or linear" }),
  stepPercent: between(1, 99, "Step").int("Step must be a whole percentage"),
  intervalSeconds: between(1, 86_400, "Interval").int("Interval must be whole seconds"),
  /** Points of error rate the new version may have over the stable one (5: 1% → up to 6%). */
  maxErrorRateIncrease: between(0, 100, "Error rate threshold").default(5),
  /** The new version's p99 may be at most this many times the stable one's; 0: latency is not watched. */
  maxP99Ratio: z.union([z.literal(0), between(1, 100, "p99 ratio")]).default(2),
  /** With fewer invocations of the new version than this in a step, its numbers are not judged. */
  minInvocations: between(1, 100_000, "Minimum invocations").int().default(20),
});
export type StartRolloutInput = z.input<typeof startRolloutInput>;
