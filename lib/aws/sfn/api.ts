/**
 * The Step Functions API as the server front serves it, signed for service `states`: its JSON
 * protocol (awsJson1_0), recognised by `X-Amz-Target: AWSStepFunctions.<Action>` on any path.
 * The router (lib/aws/router.ts) verifies the signature and reads the body, then calls `handleSfnAction`.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { AppError } from "@/lib/errors";
import { sendAwsJson } from "@/lib/aws/http";
import { sendSfnError } from "@/lib/aws/sfn/errors";
import { EXECUTION_ACTIONS } from "@/lib/aws/sfn/execution-actions";
import { MACHINE_ACTIONS } from "@/lib/aws/sfn/machine-actions";
import type { SfnAction, SfnCall } from "@/lib/aws/sfn/types";

const PREFIX = "AWSStepFunctions.";
const ACTIONS: Record<string, SfnAction> = { ...MACHINE_ACTIONS, ...EXECUTION_ACTIONS };

export const SFN_API = {
  service: "states",
  owns: (headers: IncomingMessage["headers"]) => {
    const t = headers["x-amz-target"];
    return typeof t === "string" && t.startsWith(PREFIX);
  },
  /** A 1 MB definition, JSON-escaped. */
  maxBodyBytes: 3 * 1024 * 1024,
  sendError: sendSfnError,
};

export function sfnActionOf(headers: IncomingMessage["headers"]): SfnAction {
  const name = String(headers["x-amz-target"] ?? "").slice(PREFIX.length);
  const action = Object.hasOwn(ACTIONS, name) ? ACTIONS[name] : undefined;
  if (!action)
    throw new AppError(
      "UnknownOperationException",
      `Nimbus does not serve the Step Functions operation ${name.slice(0, 100)}`,
    );
  return action;
}

export async function handleSfnAction(
  action: SfnAction,
  call: SfnCall,
  res: ServerResponse,
  requestId: string,
): Promise<void> {
  sendAwsJson(res, await action(call), requestId);
}
