/** The record a destination function receives, in Lambda's format (version 1.0). */
import type { InvokeResult } from "@/lib/executor/types";

export type DestinationCondition = "Success" | "RetriesExhausted" | "EventAgeExceeded";

export function destinationRecord(o: {
  requestId: string;
  /** The ARN as invoked, with its qualifier (`…:function:fn:$LATEST`, `…:fn:prod`). */
  functionArn: string;
  /** The version that ran. */
  executedVersion: string;
  condition: DestinationCondition;
  approximateInvokeCount: number;
  payload: string;
  result: InvokeResult | null;
}): Record<string, unknown> {
  let requestPayload: unknown;
  try {
    requestPayload = JSON.parse(o.payload);
  } catch {
    requestPayload = o.payload;
  }
  const record: Record<string, unknown> = {
    version: "1.0",
    timestamp: new Date().toISOString(),
    requestContext: {
      requestId: o.requestId,
      functionArn: o.functionArn,
      condition: o.condition,
      approximateInvokeCount: o.approximateInvokeCount,
    },
    requestPayload,
  };
  if (o.result) {
    record.responseContext = {
      statusCode: 200,
      executedVersion: o.executedVersion,
      ...(o.result.outcome === "Success" ? {} : { functionError: "Unhandled" }),
    };
    let responsePayload: unknown = null;
    try {
      responsePayload = JSON.parse(o.result.payload.toString("utf8"));
    } catch {
      responsePayload = o.result.payload.toString("utf8");
    }
    record.responsePayload = responsePayload;
  }
  return record;
}
