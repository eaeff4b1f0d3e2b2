/**
 * Lambda's EventInvokeConfig: retries (0–2), maximum event age (60–21600 s) and destinations
 * for asynchronous invocations, per qualifier ($LATEST, a version, an alias). Destinations here
 * are functions (by name or ARN) and queues (by SQS ARN).
 */
export { DEFAULT_EVENT_INVOKE_CONFIG, type EventInvokeConfigRecord } from "@/lib/services/event-invoke-config/record";
export type { EventInvokeConfigInput } from "@/lib/services/event-invoke-config/schemas";
export { putEventInvokeConfig } from "@/lib/services/event-invoke-config/put";
export {
  getEventInvokeConfig,
  getEventInvokeConfigOrDefault,
  listEventInvokeConfigs,
} from "@/lib/services/event-invoke-config/get";
export { deleteEventInvokeConfig } from "@/lib/services/event-invoke-config/delete";
