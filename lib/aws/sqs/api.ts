/**
 * The SQS API as the server front serves it: SQS's JSON protocol (awsJson1_0), recognised by its
 * `X-Amz-Target: AmazonSQS.<Action>` header on any path (the v3 SDK posts to `/` of the queue URL's
 * origin), signed for service `sqs`. The router (lib/aws/router.ts) verifies the signature and
 * parses the body, then calls `handleSqsAction`.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { AppError } from "@/lib/errors";
import { sendSqsError } from "@/lib/aws/sqs/errors";
import { MESSAGE_ACTIONS } from "@/lib/aws/sqs/message-actions";
import { MOVE_ACTIONS } from "@/lib/aws/sqs/move-actions";
import { QUEUE_ACTIONS } from "@/lib/aws/sqs/queue-actions";
import type { SqsAction, SqsCall } from "@/lib/aws/sqs/types";

const PREFIX = "AmazonSQS.";
const ACTIONS: Record<string, SqsAction> = { ...QUEUE_ACTIONS, ...MESSAGE_ACTIONS, ...MOVE_ACTIONS };

export const SQS_API = {
  service: "sqs",
  /** Whether a request is for SQS's JSON protocol. */
  owns: (headers: IncomingMessage["headers"]) => {
    const t = headers["x-amz-target"];
    return typeof t === "string" && t.startsWith(PREFIX);
  },
  /** A batch is at most 1 MiB of messages; the JSON around them is small. */
  maxBodyBytes: 1_200_000,
  sendError: sendSqsError,
};

/** The action the target names, or UnknownOperationException. */
export function sqsActionOf(headers: IncomingMessage["headers"]): { name: string; action: SqsAction } {
  const target = String(headers["x-amz-target"] ?? "");
  const name = target.slice(PREFIX.length);
  const action = Object.hasOwn(ACTIONS, name) ? ACTIONS[name] : undefined;
  if (!action)
    throw new AppError("UnknownOperationException", `Nimbus does not serve the SQS operation ${name.slice(0, 100)}`);
  return { name, action };
}

/** Runs the action and answers its output (application/x-amz-json-1.0). */
export async function handleSqsAction(
  action: SqsAction,
  call: SqsCall,
  res: ServerResponse,
  requestId: string,
): Promise<void> {
  const out = await action(call);
  if (res.destroyed) return; // a long poll whose caller left
  const text = JSON.stringify(out);
  res.writeHead(200, {
    "Content-Type": "application/x-amz-json-1.0",
    "Content-Length": Buffer.byteLength(text),
    "x-amzn-RequestId": requestId,
  });
  res.end(text);
}
