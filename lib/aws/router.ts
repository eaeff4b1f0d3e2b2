/**
 * The AWS-compatible APIs, served by the server front (not Next's router). The path picks the
 * API — EventBridge Scheduler's (lib/aws/scheduler) or Lambda's — except the JSON protocols of SQS
 * (lib/aws/sqs) and Step Functions (lib/aws/sfn), which an `X-Amz-Target: AmazonSQS.*` or
 * `AWSStepFunctions.*` header picks on any path. Every request is authenticated
 * with SigV4 first (lib/aws/sigv4), scoped to that API's service: its claims and key before the
 * body is read, its signature once the body (read here, once, for every route) is in. Then the
 * API's route table (lib/aws/lambda/routes.ts, lib/aws/scheduler/routes.ts) finds the operation;
 * errors are answered in that API's shape, with the request id the response carries also in the log line.
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { BodyTooLarge, readBody, sendError, sendJson } from "@/lib/aws/http";
import { RouteTable } from "@/lib/aws/lambda/match";
import { LAMBDA_ROUTES, type LambdaRoute } from "@/lib/aws/lambda/routes";
import { checkClaims, verifySignature, type Caller } from "@/lib/aws/sigv4/verify";
import { assertStorableText } from "@/lib/services/validate";
import { AppError } from "@/lib/errors";
import { MAX_SYNC_PAYLOAD_BYTES } from "@/lib/invoke/invoker";
import type { AwsApiRuntime } from "@/lib/aws/lambda/routes";
import { SCHEDULER_API } from "@/lib/aws/scheduler/api";
import { handleSqsAction, handleSqsQuery, SQS_API, SQS_QUERY_API, sqsActionOf } from "@/lib/aws/sqs/api";
import { handleSfnAction, SFN_API, sfnActionOf } from "@/lib/aws/sfn/api";
import type { Actor } from "@/lib/services/audit/actor";
import { withActor } from "@/lib/services/context";
import { beginStages, stamp } from "@/lib/stage-times";

/** Who is calling: the access key whose signature was verified, from the caller's address. */
export function lambdaActorOf(req: IncomingMessage, caller: Caller): Actor {
  return { type: "access-key", id: caller.accessKeyId, sourceIp: req.socket.remoteAddress ?? null };
}

/** A 50 MB zip, base64-encoded inside JSON. */
const MAX_CONTROL_BODY = 70 * 1024 * 1024;
const INVOKE_PATH = /^\/2015-03-31\/functions\/[^/]+\/invocations$/;
const AWS_DATED_PATH = /^\/\d{4}-\d{2}-\d{2}\//;

/** What differs between the APIs the front serves (SQS's has actions by target instead of routes). */
interface AwsApi {
  service: string;
  routes?: RouteTable<LambdaRoute>;
  maxBodyBytes: number;
  sendError: (res: ServerResponse, err: unknown, requestId: string) => void;
}
const LAMBDA_API: AwsApi = {
  service: "lambda",
  routes: new RouteTable<LambdaRoute>(LAMBDA_ROUTES),
  maxBodyBytes: MAX_CONTROL_BODY,
  sendError,
};

/**
 * Whether a request is for an AWS API (and so answered in AWS's shape, never with the console's
 * sign-in redirect): a dated REST path as AWS services use, the Scheduler API's paths, the code
 * download, a JSON-protocol `X-Amz-Target`, or a SigV4 signature in the header or the query.
 */
export function isAwsRequest(url: string, headers: IncomingMessage["headers"]): boolean {
  if (url.charCodeAt(0) !== 47) return false;
  if (AWS_DATED_PATH.test(url) || url.startsWith("/nimbus/code/") || SCHEDULER_API.owns(url)) return true;
  if (headers["x-amz-target"] !== undefined) return true;
  const auth = headers.authorization;
  return (typeof auth === "string" && auth.startsWith("AWS4-HMAC-SHA256")) || url.includes("X-Amz-Signature=");
}

export async function handleLambdaApi(
  platform: AwsApiRuntime,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  beginStages();
  const receivedAt = Date.now();
  const requestId = randomUUID();
  let api = LAMBDA_API;
  try {
    const url = req.url ?? "/";
    const q = url.indexOf("?");
    const parts = {
      method: req.method ?? "GET",
      path: q < 0 ? url : url.slice(0, q),
      query: new URLSearchParams(q < 0 ? "" : url.slice(q + 1)),
      headers: req.headers,
    };
    if (SCHEDULER_API.owns(parts.path)) api = SCHEDULER_API;
    const sfn = SFN_API.owns(req.headers);
    const sqs = !sfn && SQS_API.owns(req.headers);
    // Lambda's dated paths (every Invoke) are never SQS's: the header is only looked at elsewhere.
    const sqsQuery = !sqs && parts.path.charCodeAt(1) !== 50 /* "2" */ && SQS_API.ownsQuery(req.headers);
    if (sfn) api = SFN_API;
    else if (sqs) api = SQS_API;
    else if (sqsQuery) api = SQS_QUERY_API;
    else if (req.headers["x-amz-target"] !== undefined) throw unknownTarget(String(req.headers["x-amz-target"]));
    const region = platform.settings.NIMBUS_REGION;
    const pending = await checkClaims(parts, platform.accessKeys, region, undefined, api.service);
    stamp("claims");
    const invoke = api === LAMBDA_API && INVOKE_PATH.test(parts.path);
    let body: Buffer;
    try {
      body = await readBody(req, invoke ? MAX_SYNC_PAYLOAD_BYTES : api.maxBodyBytes);
    } catch (err) {
      if (err instanceof BodyTooLarge && invoke)
        throw new AppError(
          "RequestTooLargeException",
          `Request must be smaller than ${MAX_SYNC_PAYLOAD_BYTES} bytes for the InvokeFunction operation`,
        );
      throw err;
    }
    stamp("body");
    const caller = await verifySignature(parts, pending, body, platform.accessKeys);
    stamp("signature");
    const shape = { region: platform.settings.NIMBUS_REGION, accountId: platform.settings.NIMBUS_ACCOUNT_ID };
    if (sqs || sqsQuery || sfn) {
      const call = { platform, ctx: withActor(platform.services, lambdaActorOf(req, caller)), req, shape };
      if (sfn) await handleSfnAction(sfnActionOf(req.headers), { ...call, input: parseJsonBody(body) }, res, requestId);
      else if (sqs)
        await handleSqsAction(sqsActionOf(req.headers).action, { ...call, input: parseJsonBody(body) }, res, requestId);
      else {
        const params = new URLSearchParams(parts.query);
        for (const [k, v] of new URLSearchParams(body.toString("utf8"))) params.append(k, v);
        await handleSqsQuery(call, params, res, requestId);
      }
      return;
    }
    const found = api.routes!.match(parts.method, parts.path);
    if (!found) throw unknownOperation(parts.method, parts.path);
    // Path parameters and the query are text a handler may store or look up: NUL and lone
    // surrogates are refused here, once, naming the parameter (Invoke's name is checked by its parser).
    if (found.route.operation !== "Invoke") {
      assertStorableText(found.params);
      assertStorableText(Object.fromEntries(parts.query));
    }
    // Invoke needs no actor: it is the hot path and writes no audit entry.
    const ctx =
      found.route.operation === "Invoke" ? platform.services : withActor(platform.services, lambdaActorOf(req, caller));
    const reply = await found.route.handler({
      platform,
      ctx,
      req,
      res,
      params: found.params,
      query: parts.query,
      body,
      caller,
      shape,
      receivedAt,
    });
    if (reply === null) {
      if (!res.headersSent) throw unknownOperation(parts.method, parts.path);
      return;
    }
    if ("bytes" in reply) {
      res.writeHead(reply.status, { "Content-Type": reply.contentType, "Content-Length": reply.bytes.byteLength });
      res.end(reply.bytes);
    } else if (reply.status === 204) {
      res.writeHead(204, { "x-amzn-RequestId": requestId }).end();
    } else sendJson(res, reply.status, reply.json, { "x-amzn-RequestId": requestId });
  } catch (err) {
    const error =
      err instanceof BodyTooLarge ? new AppError("RequestTooLargeException", "Request body is too large") : err;
    api.sendError(res, error, requestId);
  }
}

function unknownOperation(method: string, path: string): AppError {
  return new AppError("UnknownOperationException", `Nimbus does not serve ${method} ${path.slice(0, 200)}`);
}

function unknownTarget(target: string): AppError {
  return new AppError("UnknownOperationException", `Nimbus does not serve the operation ${target.slice(0, 200)}`);
}

/** A JSON-protocol body (SQS's, Step Functions'): an object (an empty body is `{}`). */
function parseJsonBody(body: Buffer): Record<string, unknown> {
  if (!body.length) return {};
  let v: unknown;
  try {
    v = JSON.parse(body.toString("utf8"));
  } catch {
    throw new AppError("InvalidRequestContentException", "The request body is not valid JSON");
  }
  if (typeof v !== "object" || v === null || Array.isArray(v))
    throw new AppError("InvalidRequestContentException", "The request body must be a JSON object");
  return v as Record<string, unknown>;
}
