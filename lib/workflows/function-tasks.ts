/** The engine's way to functions: the invoker, as any caller (trigger "workflow"), never the executor directly. */
import type { Invoker } from "@/lib/invoke/invoker";
import type { TaskPort } from "@/lib/workflows/engine/tasks";

export function functionTaskPort(invoker: Invoker): TaskPort {
  return {
    async invoke(functionRef, qualifier, payload, o) {
      const out = await invoker.invoke({
        functionRef,
        qualifier,
        payload,
        invocationType: o.async ? "Event" : "RequestResponse",
        trigger: "workflow",
        requestId: o.requestId,
        trace: { traceId: o.traceId, parentSpanId: o.parentSpanId, sampled: true },
      });
      if (out.kind !== "sync")
        return { payload: Buffer.alloc(0), executedVersion: "$LATEST", requestId: out.requestId };
      return {
        payload: out.result.payload,
        errorType: out.functionError ? (out.result.error?.errorType ?? "Error") : undefined,
        executedVersion: out.executedVersion,
        requestId: out.requestId,
      };
    },
  };
}
