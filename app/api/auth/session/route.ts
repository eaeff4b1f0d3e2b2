import { NextResponse } from "next/server";
import { route } from "@/lib/http/route";
import { sessionView } from "@/lib/http/session";

/** Open without a session: the sign-in pages ask it whether to show login or first-run setup. */
export const GET = route(async ({ req, platform }) => {
  const session = await platform.auth.session(req.headers.get("cookie"));
  const body = session
    ? { ...sessionView(session), setupRequired: false }
    : { user: null, csrfToken: null, expiresAt: null, setupRequired: await platform.auth.needsSetup() };
  return NextResponse.json(body, { headers: { "Cache-Control": "no-store" } });
});
