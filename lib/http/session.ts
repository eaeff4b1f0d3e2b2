/** Route-handler side of console sessions: who is asking, and the cookie that says so. */
import { NextResponse } from "next/server";
import { AppError } from "@/lib/errors";
import { CLIENT_IP_HEADER } from "@/lib/auth/console-auth";
import { clearedSessionCookie, cookieSecure, sessionCookie } from "@/lib/auth/cookies";
import type { SessionRecord } from "@/lib/services/sessions";
import type { Platform } from "@/lib/platform/types";

/** Set by server/app.ts from the socket (a client's own value is overwritten). */
export const clientIp = (req: Request) => req.headers.get(CLIENT_IP_HEADER) ?? "unknown";

const secure = (req: Request, platform: Platform) =>
  cookieSecure(platform.settings.NIMBUS_COOKIE_SECURE, req.headers.get("x-forwarded-proto"));

/** The request's session; the gate in server/app.ts already refused requests without one. */
export async function requireSession(req: Request, platform: Platform): Promise<SessionRecord> {
  const session = await platform.auth.session(req.headers.get("cookie"));
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
  platform: Platform,
  token: string,
  session: SessionRecord,
  status = 200,
): Response {
  const res = NextResponse.json(sessionView(session), { status, headers: { "Cache-Control": "no-store" } });
  res.headers.append(
    "Set-Cookie",
    sessionCookie(token, platform.settings.NIMBUS_SESSION_MAX_HOURS * 3600, secure(req, platform)),
  );
  return res;
}

export function signedOut(req: Request, platform: Platform): Response {
  const res = new NextResponse(null, { status: 204 });
  res.headers.append("Set-Cookie", clearedSessionCookie(secure(req, platform)));
  return res;
}
