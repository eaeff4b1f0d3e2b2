/** The NOTIFY channel that wakes workflow runners: a start, a token's answer, a stop, a redrive (payload: the execution id). */
export const WORKFLOW_CHANNEL = "nimbus_workflows";
