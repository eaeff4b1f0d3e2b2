export { getTrace } from "@/lib/services/traces/get";
export { type ListTracesOptions, listTraces } from "@/lib/services/traces/list";
export { executionSpans } from "@/lib/services/traces/get";
