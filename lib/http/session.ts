/** Route-handler side of console sessions: who is asking, and the cookie that says so. */
import { NextResponse } from "next/server";
import { AppError } from "@/lib/errors";
import { CLIENT_IP_HEADER } from "@/lib/auth/console-auth";
import { clearedSessionCookie, cookieSecure, sessionCookie } from "@/lib/auth/cookies";
import type { SessionRecord } from "@/lib/services/sessions";
import type { NimbusRuntime } from "@/lib/runtime/types";

/** Set by server/app.ts from the socket (a client's own value is overwritten). */
export const clientIp = (req: Request) => req.headers.get(CLIENT_IP_HEADER) ?? "unknown";

const secure = (req: Request, rt: NimbusRuntime) =>
  cookieSecure(rt.settings.NIMBUS_COOKIE_SECURE, req.headers.get("x-forwarded-proto"));

/** The request's session; the gate in server/app.ts already refused requests without one. */
export async function requireSession(req: Request, rt: NimbusRuntime): Promise<SessionRecord> {
  const session = await rt.auth.session(req.headers.get("cookie"));
  if (!session) throw new AppError("UnauthorizedException", "Sign in to use the console API");
  return session;
}

export const sessionView = (s: SessionRecord) => ({
  user: { username: s.username },
  csrfToken: s.csrfToken,
  expiresAt: s.expiresAt,
});

export function signedIn(
  req: Request,
  rt: NimbusRuntime,
  token: string,
  session: SessionRecord,
  status = 200,
): Response {
  const res = NextResponse.json(sessionView(session), { status, headers: { "Cache-Control": "no-store" } });
  res.headers.append("Set-Cookie", sessionCookie(token, rt.settings.NIMBUS_SESSION_MAX_HOURS * 3600, secure(req, rt)));
  return res;
}

export function signedOut(req: Request, rt: NimbusRuntime): Response {
  const res = new NextResponse(null, { status: 204 });
  res.headers.append("Set-Cookie", clearedSessionCookie(secure(req, rt)));
  return res;
}
