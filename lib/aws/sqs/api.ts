/**
 * The SQS API as the server front serves it, signed for service `sqs`: SQS's JSON protocol
 * (awsJson1_0), recognised by its `X-Amz-Target: AmazonSQS.<Action>` header on any path (the v3 SDK
 * posts to `/` of the queue URL's origin), and its older query protocol (form-encoded `Action=…`,
 * XML answers: the AWS CLI v2.9, query-input.ts and query-xml.ts), recognised by a signature scoped
 * to `sqs` without that header. The router (lib/aws/router.ts) verifies the signature and reads
 * the body, then calls `handleSqsAction` or `handleSqsQuery`.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { AppError } from "@/lib/errors";
import { sendAwsJson } from "@/lib/aws/http";
import { sendSqsError } from "@/lib/aws/sqs/errors";
import { MESSAGE_ACTIONS } from "@/lib/aws/sqs/message-actions";
import { MOVE_ACTIONS } from "@/lib/aws/sqs/move-actions";
import { QUEUE_ACTIONS } from "@/lib/aws/sqs/queue-actions";
import { queryInput } from "@/lib/aws/sqs/query-input";
import { sendQueryError, sendQueryResult } from "@/lib/aws/sqs/query-xml";
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
  /** Whether a request is for SQS's query protocol: signed for sqs, no target header. */
  ownsQuery: (headers: IncomingMessage["headers"]) =>
    headers["x-amz-target"] === undefined &&
    typeof headers.authorization === "string" &&
    /Credential=[^/,\s]+\/\d{8}\/[^/]+\/sqs\/aws4_request/.test(headers.authorization),
  /** A batch is at most 1 MiB of messages; the JSON around them is small. */
  maxBodyBytes: 1_200_000,
  sendError: sendSqsError,
};

/** The same API answering in the query protocol's XML. */
export const SQS_QUERY_API = { ...SQS_API, sendError: sendQueryError };

/** The action the target names, or UnknownOperationException. */
export function sqsActionOf(headers: IncomingMessage["headers"]): { name: string; action: SqsAction } {
  const target = String(headers["x-amz-target"] ?? "");
  const name = target.slice(PREFIX.length);
  const action = Object.hasOwn(ACTIONS, name) ? ACTIONS[name] : undefined;
  if (!action)
    throw new AppError("UnknownOperationException", `Nimbus does not serve the SQS operation ${name.slice(0, 100)}`);
  return { name, action };
}

/** A query-protocol request: its action and input from the form body (and the query string), answered in XML. */
export async function handleSqsQuery(
  call: Omit<SqsCall, "input">,
  params: URLSearchParams,
  res: ServerResponse,
  requestId: string,
): Promise<void> {
  const { action: name, input } = queryInput(params);
  const action = Object.hasOwn(ACTIONS, name) ? ACTIONS[name] : undefined;
  if (!action)
    throw new AppError("UnknownOperationException", `Nimbus does not serve the SQS action ${name.slice(0, 100)}`);
  const out = await action({ ...call, input });
  if (!res.destroyed) sendQueryResult(res, name, out, requestId);
}

/** Runs the action and answers its output (application/x-amz-json-1.0). */
export async function handleSqsAction(
  action: SqsAction,
  call: SqsCall,
  res: ServerResponse,
  requestId: string,
): Promise<void> {
  sendAwsJson(res, await action(call), requestId);
}
