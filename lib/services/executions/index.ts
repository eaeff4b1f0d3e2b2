export { answerTask, type TaskAnswer } from "@/lib/services/executions/send-task";
export type { HistoryEventRecord } from "@/lib/services/executions/events";
export { getExecutionHistory } from "@/lib/services/executions/history";
export { listExecutions, type ListExecutionsOptions } from "@/lib/services/executions/list";
export {
  type ExecutionRecord,
  type ExecutionStatus,
  getExecutionByArn,
  getExecutionOrThrow,
} from "@/lib/services/executions/record";
export { redriveExecution } from "@/lib/services/executions/redrive";
export { startExecution } from "@/lib/services/executions/start";
export { startSyncExecution, type SyncExecutionResult } from "@/lib/services/executions/start-sync";
export { stopExecution } from "@/lib/services/executions/stop";
