export { startRollout } from "@/lib/services/rollouts/start";
export { stepRollout, stepRunningRollouts } from "@/lib/services/rollouts/step";
export { cancelRollout } from "@/lib/services/rollouts/cancel";
export { listRollouts } from "@/lib/services/rollouts/list";
export { rollbackAlias } from "@/lib/services/rollouts/rollback-alias";
export type { RolloutDecision, RolloutRecord, VersionStats } from "@/lib/services/rollouts/record";
export type { StartRolloutInput } from "@/lib/services/rollouts/schemas";
