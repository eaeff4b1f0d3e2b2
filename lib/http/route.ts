/**
 * The one wrapper for the console's JSON API route handlers: run the handler, map any
 * error to a JSON response in one place. Unknown errors are logged and answered with a
 * generic 500 (no stack traces leave the server); the log line and the response's
 * x-nimbus-request-id header carry the same id, so a report can be matched to the log.
 */
import { randomUUID } from "node:crypto";
import { NextResponse } from "next/server";
import { AppError, retryAfterSeconds, toAppError } from "@/lib/errors";
import { consoleErrorBody } from "@/lib/http/console-error";
import { getPlatform } from "@/lib/platform/global";
import type { Platform } from "@/lib/platform/types";
import { withActor } from "@/lib/services/context";
import { assertStorableText } from "@/lib/services/validate";
import { SOURCE_IP_HEADER, USER_HEADER, type Actor } from "@/lib/services/audit/actor";
import { log } from "@/lib/log";

const consoleLog = log.child("console");

/**
 * Who is calling the console API: the signed-in user the server front put in USER_HEADER after
 * checking the session (a client's own value is dropped there), else the system, with the
 * caller's address.
 */
export function consoleActorOf(req: Request): Actor {
  const user = req.headers.get(USER_HEADER);
  const sourceIp = req.headers.get(SOURCE_IP_HEADER) || null;
  return user ? { type: "console-user", id: user, sourceIp } : { type: "system", id: "nimbus", sourceIp };
}

type Handler<P> = (ctx: { req: Request; params: P; platform: Platform }) => Promise<Response | unknown>;

export function route<P = Record<string, string>>(handler: Handler<P>) {
  return async (req: Request, context: { params: Promise<P> }): Promise<Response> => {
    try {
      const platform = getPlatform();
      if (platform.state !== "ready") throw new AppError("ServiceUnavailableException", "The server is not ready");
      // The handler sees the platform with services acting for this request's caller.
      const scoped = Object.create(platform, {
        services: { value: withActor(platform.services, consoleActorOf(req)) },
      }) as Platform;
      const params = await context.params;
      // Path parameters and the query are text a handler may pass to PostgreSQL: refused here, once.
      assertStorableText(params);
      assertStorableText(Object.fromEntries(new URL(req.url).searchParams));
      const result = await handler({ req, params, platform: scoped });
      if (result instanceof Response) return result;
      if (result === undefined) return new NextResponse(null, { status: 204 });
      return NextResponse.json(result);
    } catch (err) {
      const { error, unexpected } = toAppError(err);
      const headers: Record<string, string> = {};
      if (unexpected) {
        const requestId = randomUUID();
        headers["x-nimbus-request-id"] = requestId;
        consoleLog.error("unexpected error in a console API request", {
          requestId,
          method: req.method,
          path: URL.canParse(req.url) ? new URL(req.url).pathname : undefined,
          error: (err as Error)?.stack ?? String(err),
        });
      }
      const retry = retryAfterSeconds(error);
      if (retry !== undefined) headers["Retry-After"] = String(retry);
      return new Response(consoleErrorBody(error.code, error.message, error.fields), {
        status: error.status,
        headers: { "Content-Type": "application/json", ...headers },
      });
    }
  };
}

/** Parses a JSON request body; anything else is a 400 with a plain message. */
export async function jsonBody(req: Request): Promise<Record<string, unknown>> {
  let v: unknown;
  try {
    v = await req.json();
  } catch {
    throw new AppError("InvalidRequestContentException", "The request body must be JSON");
  }
  if (typeof v !== "object" || v === null || Array.isArray(v))
    throw new AppError("InvalidRequestContentException", "The request body must be a JSON object");
  assertStorableText(v);
  return v as Record<string, unknown>;
}
