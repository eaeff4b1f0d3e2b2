/**
 * A request to a function URL, served by the server front (not Next): find the URL (cached),
 * check who may call it (the resource policy for AuthType NONE, a SigV4 signature for AWS_IAM),
 * answer a CORS preflight itself, otherwise build the 2.0 event, run the function through the
 * invoker (admission, records — trigger "url" with method, path and status) and shape its result —
 * all at once (BUFFERED), or as the function writes it (RESPONSE_STREAM, stream-answer.ts).
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { BodyTooLarge, readBody } from "@/lib/aws/http";
import type { AccessKeyCache } from "@/lib/aws/sigv4/key-cache";
import { checkClaims, verifySignature } from "@/lib/aws/sigv4/verify";
import type { Settings } from "@/lib/env";
import { toAppError } from "@/lib/errors";
import { MAX_SYNC_PAYLOAD_BYTES, type Invoker } from "@/lib/invoke/invoker";
import { SESSION_COOKIE } from "@/lib/auth/cookies";
import { CSRF_HEADER } from "@/lib/auth/console-auth";
import { log } from "@/lib/log";
import type { UrlAddress } from "@/lib/url/address";
import type { UrlClient } from "@/lib/url/client";
import { preflight, withCors } from "@/lib/url/cors";
import { buildUrlEvent } from "@/lib/url/event";
import type { UrlRegistry, UrlTarget } from "@/lib/url/registry";
import { answerOf, jsonAnswer, type HttpAnswer } from "@/lib/url/response";
import { send } from "@/lib/url/write";
import { StreamAnswer } from "@/lib/url/stream-answer";

/** What serving function URLs needs of the platform. */
export interface UrlRuntime {
  invoker: Invoker;
  urls: UrlRegistry;
  accessKeys: AccessKeyCache;
  settings: Pick<Settings, "NIMBUS_REGION" | "NIMBUS_ACCOUNT_ID" | "NIMBUS_STREAM_MAX_MB">;
}

const urlLog = log.child("url");
/** The console's session cookie and CSRF header: a browser sends them to the path form (same origin). */
const CONSOLE_OWN = { cookies: [SESSION_COOKIE], headers: [CSRF_HEADER] };

/** `client`: the Host, address, scheme and port the client used (as a trusted proxy in front reports them). */
export async function handleUrlRequest(
  rt: UrlRuntime,
  req: IncomingMessage,
  res: ServerResponse,
  addr: UrlAddress,
  client: UrlClient,
): Promise<void> {
  const requestId = randomUUID();
  const method = req.method ?? "GET";
  let target: UrlTarget | null = null;
  try {
    target = await rt.urls.get(addr.urlId);
    if (!target) return send(res, requestId, addr, jsonAnswer(403, "Forbidden"));
    const pre = preflight(target.cors, method, req.headers);
    if (pre) return send(res, requestId, addr, { status: 200, headers: pre, body: Buffer.alloc(0) });
    let accountId = "anonymous";
    let iam: { accessKey: string; accountId: string; callerId: string; userArn: string; userId: string } | undefined;
    let body: Buffer;
    if (target.authType === "NONE") {
      if (!target.publicAllowed) return send(res, requestId, addr, jsonAnswer(403, "Forbidden"));
      body = await readBody(req, MAX_SYNC_PAYLOAD_BYTES);
    } else {
      const url = req.url ?? "/";
      const q = url.indexOf("?");
      const parts = {
        method,
        path: q < 0 ? url : url.slice(0, q),
        query: new URLSearchParams(q < 0 ? "" : url.slice(q + 1)),
        headers: req.headers,
      };
      const pending = await checkClaims(parts, rt.accessKeys, rt.settings.NIMBUS_REGION);
      body = await readBody(req, MAX_SYNC_PAYLOAD_BYTES);
      const caller = await verifySignature(parts, pending, body, rt.accessKeys);
      accountId = rt.settings.NIMBUS_ACCOUNT_ID;
      const arn = `arn:aws:iam::${accountId}:root`;
      iam = { accessKey: caller.accessKeyId, accountId, callerId: caller.accessKeyId, userArn: arn, userId: accountId };
    }
    const fn = await rt.invoker.resolve(target.functionName, target.qualifier);
    const event = buildUrlEvent({
      urlId: target.urlId,
      domainName: client.host.replace(/:\d+$/, ""),
      method,
      rawPath: addr.path,
      rawQueryString: addr.query,
      headers: req.headersDistinct,
      body,
      sourceIp: client.sourceIp,
      forwarded: { proto: client.proto, port: client.port },
      requestId,
      accountId,
      iam,
      withhold: CONSOLE_OWN,
    });
    const cors = (headers: Array<[string, string]>) => withCors(target!.cors, req.headers.origin, headers);
    if (target.invokeMode === "RESPONSE_STREAM") {
      const streamed = new StreamAnswer(res, requestId, addr, cors, rt.settings.NIMBUS_STREAM_MAX_MB * 1024 * 1024);
      const result = await rt.invoker.run(fn, Buffer.from(event), {
        requestId,
        trigger: "url",
        qualifier: target.qualifier,
        stream: streamed,
        http: { method, path: addr.path, statusOf: (r) => streamed.finish(r) },
      });
      streamed.finish(result);
      return;
    }
    let answer: HttpAnswer | undefined;
    const result = await rt.invoker.run(fn, Buffer.from(event), {
      requestId,
      trigger: "url",
      qualifier: target.qualifier,
      http: {
        method,
        path: addr.path,
        statusOf: (r) => {
          answer = answerOf(r);
          return answer.status;
        },
      },
    });
    answer ??= answerOf(result);
    send(res, requestId, addr, { ...answer, headers: cors(answer.headers) });
  } catch (err) {
    const a = failureAnswer(err, requestId);
    send(res, requestId, addr, target ? { ...a, headers: withCors(target.cors, req.headers.origin, a.headers) } : a);
  }
}

/** How a failure before or around the invocation reads to an HTTP client. */
function failureAnswer(err: unknown, requestId: string): HttpAnswer {
  if (err instanceof BodyTooLarge) return jsonAnswer(413, "Request Entity Too Large");
  const { error, unexpected } = toAppError(err);
  if (unexpected)
    urlLog.error("unexpected error serving a function URL", { requestId, error: (err as Error)?.stack ?? String(err) });
  if (error.code === "TooManyRequestsException") return jsonAnswer(429, "Too Many Requests");
  if (error.code === "RequestTooLargeException") return jsonAnswer(413, "Request Entity Too Large");
  if (error.code === "ServiceUnavailableException") return jsonAnswer(503, "Service Unavailable");
  if (error.status === 403 || error.status === 400 || error.code === "ResourceNotFoundException")
    return jsonAnswer(403, "Forbidden");
  return jsonAnswer(502, "Internal Server Error");
}
