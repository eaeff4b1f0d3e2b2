/**
 * Console access, decided in one place: server/app.ts asks `authorize` about every request
 * that is neither the Lambda API nor /api/health before Next sees it. Pages without a session
 * are redirected to /login (or /setup before the first user exists); the JSON API answers 401;
 * mutations also need the session's CSRF token in `x-nimbus-csrf` and, when the browser sends
 * one, an Origin (or Referer) of this host.
 *
 * Valid sessions are cached for a few seconds so a page load's dozen requests cost one query.
 * A logout or password change clears the cache at once here and, through the change feed's
 * NOTIFY, on every other server sharing the database within milliseconds; the cache time
 * (CACHE_MS) only bounds a notification that was lost.
 */
import type { IncomingHttpHeaders } from "node:http";
import type { ErrorCode } from "@/lib/errors";
import type { ServiceContext } from "@/lib/services/context";
import { endsAt, resolveSession, sessionIdOf, type SessionRecord } from "@/lib/services/sessions";
import { hasUsers } from "@/lib/services/users";
import { readCookie, SESSION_COOKIE } from "@/lib/auth/cookies";
import { removeSetupCode } from "@/lib/auth/setup-code";
import { safeNext } from "@/lib/auth/next-path";

export const CACHE_MS = 5_000;
export const CSRF_HEADER = "x-nimbus-csrf";
/** Set by the server front for route handlers (any value a client sends is dropped first). */
export const CLIENT_IP_HEADER = "x-nimbus-client-ip";

export interface GateRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
}

export type GateDecision =
  | { action: "pass"; session: SessionRecord | null }
  | { action: "deny"; status: number; code: ErrorCode; message: string }
  | { action: "redirect"; location: string };

/** Open without a session: sign-in itself, and what the sign-in page needs to render. */
const OPEN_API = new Set(["/api/auth/login", "/api/auth/setup", "/api/auth/session"]);
const AUTH_PAGES = new Set(["/login", "/setup"]);
const MUTATIONS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export function isStaticPath(pathname: string): boolean {
  // Next's bundles and images, dev-overlay endpoints, and top-level public files by type. Kept
  // narrow on purpose: a dynamic route (`/api/functions/[name]`) must never pass as "a file".
  return (
    pathname.startsWith("/_next/") ||
    pathname.startsWith("/__nextjs") ||
    /^\/[\w.-]+\.(ico|png|svg|jpg|webp|txt|xml|webmanifest)$/.test(pathname)
  );
}

/** The longest page address (encoded) the sign-in redirect carries back. */
const MAX_NEXT = 2048;

export class ConsoleAuth {
  /** The first-run code while setup is open on this server; null once a user exists. */
  setupCode: string | null = null;
  private cache = new Map<string, { session: SessionRecord; until: number }>();
  private usersExist = false;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly dataDir: string,
  ) {}

  forgetSessions(): void {
    this.cache.clear();
  }

  /** A user now exists: setup closes for good on this server. */
  usersCreated(): void {
    this.usersExist = true;
    this.setupCode = null;
    removeSetupCode(this.dataDir);
  }

  async needsSetup(): Promise<boolean> {
    // Only "yes" is cached: a user created on another server must close setup here too.
    if (this.usersExist) return false;
    if (await hasUsers(this.ctx)) {
      this.usersCreated();
      return false;
    }
    return true;
  }

  async session(cookieHeader: string | null | undefined): Promise<SessionRecord | null> {
    const token = readCookie(cookieHeader, SESSION_COOKIE);
    if (!token) return null;
    const id = sessionIdOf(token);
    if (!id) return null;
    const now = Date.now();
    const hit = this.cache.get(id);
    if (hit && hit.until > now) return hit.session;
    this.cache.delete(id);
    const session = await resolveSession(this.ctx, token);
    if (session) {
      if (this.cache.size > 10_000) this.cache.clear(); // bounded: stale entries only cost a query
      this.cache.set(id, { session, until: Math.min(now + CACHE_MS, endsAt(session, this.ctx.settings).getTime()) });
    }
    return session;
  }

  async authorize(req: GateRequest): Promise<GateDecision> {
    // Only origin-form targets ("/path?query"): `new URL("//api/x", base)` would read "api" as a
    // host, and an absolute-form target may be routed by Next differently than it looks here.
    if (!req.url.startsWith("/"))
      return {
        action: "deny",
        status: 400,
        code: "InvalidRequestContentException",
        message: "The request target must be a path",
      };
    const url = new URL("http://x" + req.url);
    // The path as a router sees it: dot segments resolved (by URL), repeated slashes collapsed.
    const path = url.pathname.replace(/\/{2,}/g, "/");
    const method = req.method.toUpperCase();
    if (isStaticPath(path)) return { action: "pass", session: null };
    const isApi = path === "/api" || path.startsWith("/api/");
    const mutation = MUTATIONS.has(method);
    if (mutation && isApi && !sameOrigin(req.headers)) {
      return {
        action: "deny",
        status: 403,
        code: "AccessDeniedException",
        message: "Cross-origin requests are not allowed",
      };
    }
    if (isApi && OPEN_API.has(path)) return { action: "pass", session: null };
    const session = await this.session(req.headers.cookie);

    if (isApi) {
      if (!session)
        return {
          action: "deny",
          status: 401,
          code: "UnauthorizedException",
          message: "Sign in to use the console API",
        };
      if (mutation && req.headers[CSRF_HEADER] !== session.csrfToken) {
        return {
          action: "deny",
          status: 403,
          code: "AccessDeniedException",
          message: `Missing or wrong ${CSRF_HEADER} header (the CSRF token from /api/auth/session)`,
        };
      }
      return { action: "pass", session };
    }

    if (AUTH_PAGES.has(path)) {
      const setup = await this.needsSetup();
      if (path === "/setup" && !setup) return { action: "redirect", location: session ? "/" : "/login" };
      if (path === "/login" && setup) return { action: "redirect", location: "/setup" };
      if (path === "/login" && session) return { action: "redirect", location: safeNext(url.searchParams.get("next")) };
      return { action: "pass", session };
    }
    if (session) return { action: "pass", session };
    if (await this.needsSetup()) return { action: "redirect", location: "/setup" };
    url.searchParams.delete("_rsc"); // Next's flight-data marker, not part of the page address
    const back = path + (url.searchParams.size ? `?${url.searchParams}` : "");
    // A page address too long to carry back (a Location header must stay well inside a client's
    // header limit) is dropped: the user lands on the console's start page after signing in.
    const next = encodeURIComponent(back);
    return { action: "redirect", location: back === "/" || next.length > MAX_NEXT ? "/login" : `/login?next=${next}` };
  }
}

/**
 * The browser's Origin (else Referer) must name this host. Requests without either (curl,
 * older browsers on same-origin GET-turned-POST) pass: the CSRF header is the real check, and
 * a cross-site page cannot set it.
 */
export function sameOrigin(headers: IncomingHttpHeaders): boolean {
  const source = headers.origin ?? headers.referer;
  if (source === undefined) return true;
  let host: string;
  try {
    host = new URL(source).host;
  } catch {
    return false; // includes Origin: null (sandboxed frames, file: pages)
  }
  const hosts = [headers.host, headers["x-forwarded-host"]].flatMap((h) =>
    typeof h === "string" ? h.split(",").map((x) => x.trim()) : [],
  );
  return hosts.includes(host);
}
