export { createStateMachine } from "@/lib/services/state-machines/create";
export { deleteStateMachine } from "@/lib/services/state-machines/delete";
export { listStateMachines } from "@/lib/services/state-machines/list";
export {
  getStateMachineOrThrow,
  stateMachineNotFound,
  type StateMachineRecord,
} from "@/lib/services/state-machines/record";
export { updateStateMachine } from "@/lib/services/state-machines/update";
export { checkDefinition, type DefinitionCheck } from "@/lib/services/state-machines/validate";
export { tagStateMachine } from "@/lib/services/state-machines/tags";
export {
  listStateMachineSummaries,
  RECENT_EXECUTIONS,
  type StateMachineSummary,
} from "@/lib/services/state-machines/summaries";
