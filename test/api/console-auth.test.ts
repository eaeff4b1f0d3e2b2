/**
 * Console sign-in against a real database: setup, login, rate limits, session ends, and the
 * gate in server/app.ts over HTTP. The test servers run without Next (console "off"), so a
 * request the gate lets through is answered 503 "console not served" — which is how these
 * tests see "passed the gate"; the browser flow through Next is e2e/login.spec.ts.
 */
import { mkdtempSync, readFileSync, statSync, existsSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedFetch, startTestServer, testDatabaseUrl } from "@/test/server";
import type { ServerHandle } from "@/server/app";
import { getPlatform } from "@/lib/platform/global";
import { parseSettings } from "@/lib/env";
import { CACHE_MS } from "@/lib/auth/console-auth";
import { hashPassword, verifyPassword } from "@/lib/crypto/password";
import { startConsoleAuth } from "@/lib/auth/start";
import { createLogger } from "@/lib/log";
import { setupCodePath } from "@/lib/auth/setup-code";
import { createSession, login, MAX_FAILURES_PER_IP, MAX_FAILURES_PER_USER } from "@/lib/services/sessions";
import { createFirstAdmin } from "@/lib/services/users";
import { POST as setupPost } from "@/app/api/auth/setup/route";
import { POST as loginPost } from "@/app/api/auth/login/route";
import { POST as logoutPost } from "@/app/api/auth/logout/route";
import { POST as passwordPost } from "@/app/api/auth/password/route";
import { GET as sessionGet } from "@/app/api/auth/session/route";

let a: ServerHandle; // the server whose runtime the route handlers use (started last)
let b: ServerHandle; // a second server on the same database
let db: pg.Pool;
const ctx = () => a.platform.services;
const noParams = { params: Promise.resolve({}) };

function call(
  handler: (req: Request, c: typeof noParams) => Promise<Response>,
  urlPath: string,
  opts: { body?: unknown; cookie?: string; ip?: string } = {},
) {
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "x-nimbus-client-ip": opts.ip ?? "198.51.100.1",
  };
  if (opts.cookie) headers.cookie = opts.cookie;
  const req = new Request(`http://localhost${urlPath}`, {
    method: opts.body === undefined ? "GET" : "POST",
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  return handler(req, noParams);
}

const cookieOf = (res: Response) => (res.headers.get("set-cookie") ?? "").split(";")[0]!; // split gives >= 1 part

async function signIn(username: string, password: string, ip?: string) {
  const res = await call(loginPost, "/api/auth/login", { body: { username, password }, ip });
  expect(res.status).toBe(200);
  return { cookie: cookieOf(res), csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}

/** GET with the request target exactly as given (fetch would resolve dot segments first). */
function rawStatus(port: number, target: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: "127.0.0.1", port, path: target }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
      .on("error", reject);
  });
}

async function addUser(username: string, password: string) {
  await ctx().db.user.create({
    data: { id: crypto.randomUUID(), username, passwordHash: await hashPassword(password) },
  });
}

beforeAll(async () => {
  db = new pg.Pool({ connectionString: testDatabaseUrl() });
  await db.query("DELETE FROM users; DELETE FROM login_attempts");
  b = await startTestServer();
  a = await startTestServer();
  expect(getPlatform()).toBe(a.platform);
});
afterAll(async () => {
  await Promise.all([a?.close(), b?.close()]);
  await db?.end();
});

describe("first-run setup", () => {
  it("opens with a 0600 code file and sends pages to /setup while no user exists", async () => {
    const code = a.platform.auth.setupCode!;
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
    const file = setupCodePath(a.settings.dataDir);
    expect(readFileSync(file, "utf8").trim()).toBe(code);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    for (const p of ["/", "/functions/x", "/login"]) {
      const res = await fetch(a.url + p, { redirect: "manual" });
      expect([res.status, res.headers.get("location")]).toEqual([302, "/setup"]);
    }
    const s = await (await call(sessionGet, "/api/auth/session")).json();
    expect(s).toMatchObject({ user: null, setupRequired: true });
  });

  it("is race-safe: of two setups at once, exactly one creates a user", async () => {
    const input = { username: "racer", password: "racer-password", setupCode: "CODE" };
    const results = await Promise.allSettled([
      createFirstAdmin(ctx(), input, "CODE"),
      createFirstAdmin(ctx(), { ...input, username: "racer2" }, "CODE"),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({
      reason: { code: "ResourceConflictException" },
    });
    expect((await db.query("SELECT count(*)::int AS n FROM users")).rows[0].n).toBe(1);
    await db.query("DELETE FROM users");
  });

  it("requires the code, signs the new admin in, then refuses any further setup", async () => {
    const noCode = await call(setupPost, "/api/auth/setup", { body: { password: "admin-password-1" } });
    expect(noCode.status).toBe(400);
    const wrong = await call(setupPost, "/api/auth/setup", {
      body: { password: "admin-password-1", setupCode: "AAAA-BBBB-CCCC" },
    });
    expect(wrong.status).toBe(403);
    expect(await wrong.json()).toMatchObject({ error: { code: "AccessDeniedException", field: "setupCode" } });
    const short = await call(setupPost, "/api/auth/setup", {
      body: { password: "short", setupCode: a.platform.auth.setupCode },
    });
    expect(short.status).toBe(400);

    const code = a.platform.auth.setupCode!.toLowerCase().replace(/-/g, " "); // typed loosely by hand
    const ok = await call(setupPost, "/api/auth/setup", { body: { password: "admin-password-1", setupCode: code } });
    expect(ok.status).toBe(201);
    expect(ok.headers.get("set-cookie")).toMatch(
      /^nimbus_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=604800$/,
    );
    expect(await ok.json()).toMatchObject({
      user: { username: "admin" },
      csrfToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
    });
    expect(existsSync(setupCodePath(a.settings.dataDir))).toBe(false);

    const again = await call(setupPost, "/api/auth/setup", {
      body: { password: "stranger-password", setupCode: code },
    });
    expect(again.status).toBe(409);
    // The other server learns from the database that setup is over.
    const other = await fetch(b.url + "/setup", { redirect: "manual" });
    expect([other.status, other.headers.get("location")]).toEqual([302, "/login"]);
    await expect(
      createFirstAdmin(b.platform.services, { password: "stranger-password", setupCode: "X" }, "X"),
    ).rejects.toMatchObject({ code: "ResourceConflictException" });
  });
});

describe("login", () => {
  it("answers a wrong password and an unknown user alike, and stores only a hash of the token", async () => {
    const wrong = await call(loginPost, "/api/auth/login", { body: { username: "admin", password: "nope-nope" } });
    const unknown = await call(loginPost, "/api/auth/login", { body: { username: "nobody", password: "nope-nope" } });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.json()).toEqual(await unknown.json());
    expect(wrong.headers.get("set-cookie")).toBeNull();

    const { cookie, csrf } = await signIn("admin", "admin-password-1");
    const token = cookie.split("=")[1];
    const rows = (await db.query(`SELECT id, "csrfToken" FROM sessions`)).rows as Array<{
      id: string;
      csrfToken: string;
    }>;
    expect(rows.some((r) => r.id === token)).toBe(false);
    expect(rows.some((r) => r.csrfToken === csrf && /^[0-9a-f]{64}$/.test(r.id))).toBe(true);
    const s = await (await call(sessionGet, "/api/auth/session", { cookie })).json();
    expect(s).toMatchObject({ user: { username: "admin" }, csrfToken: csrf, setupRequired: false });
  });

  it(`locks a username after ${MAX_FAILURES_PER_USER} failures (429, Retry-After), even for the right password`, async () => {
    await addUser("carol", "carol-password");
    for (let i = 0; i < MAX_FAILURES_PER_USER; i++) {
      expect(
        (
          await call(loginPost, "/api/auth/login", {
            body: { username: "carol", password: `guess-${i}` },
            ip: `192.0.2.${i}`,
          })
        ).status,
      ).toBe(401);
    }
    const locked = await call(loginPost, "/api/auth/login", {
      body: { username: "carol", password: "carol-password" },
      ip: "192.0.2.99",
    });
    expect(locked.status).toBe(429);
    const retryAfter = Number(locked.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(800);
    expect(retryAfter).toBeLessThanOrEqual(900);
    expect(await locked.json()).toMatchObject({
      error: {
        code: "TooManyRequestsException",
        message: "Too many failed sign-in attempts. Try again in 15 minutes.",
      },
    });
    // Shared through the database: the other server refuses too.
    await expect(
      login(b.platform.services, { username: "carol", password: "carol-password" }, "192.0.2.100"),
    ).rejects.toMatchObject({ code: "TooManyRequestsException" });
    // Once the failures age out of the window, the right password works again.
    await db.query(`UPDATE login_attempts SET "at" = "at" - interval '16 minutes' WHERE username = 'carol'`);
    await signIn("carol", "carol-password");
  });

  it(`limits one address to ${MAX_FAILURES_PER_IP} failures across usernames; a success does not count`, async () => {
    const ip = "203.0.113.7";
    await signIn("carol", "carol-password", ip);
    for (let i = 0; i < MAX_FAILURES_PER_IP; i++) {
      expect(
        (await call(loginPost, "/api/auth/login", { body: { username: `spray-${i}`, password: "Summer2026!" }, ip }))
          .status,
      ).toBe(401);
    }
    expect(
      (await call(loginPost, "/api/auth/login", { body: { username: "carol", password: "carol-password" }, ip }))
        .status,
    ).toBe(429);
    expect(
      (
        await call(loginPost, "/api/auth/login", {
          body: { username: "carol", password: "carol-password" },
          ip: "203.0.113.8",
        })
      ).status,
    ).toBe(200);
  });
});

describe("the gate (server/app.ts)", () => {
  it("refuses anonymous console API calls with 401 and leaves health, the Lambda API and assets open", async () => {
    const anon = await fetch(a.url + "/api/functions");
    expect(anon.status).toBe(401);
    expect(await anon.json()).toEqual({
      error: { code: "UnauthorizedException", message: "Sign in to use the console API" },
    });
    expect((await fetch(a.url + "/api/health")).status).toBe(200);
    expect((await signedFetch(a.url + "/2015-03-31/functions")).status).toBe(200); // open to SigV4, not to console sessions
    expect((await fetch(a.url + "/_next/static/chunks/app.js")).status).toBe(503); // passed to the (absent) console
    expect((await fetch(a.url + "/api/functions", { headers: { cookie: "nimbus_session=forged-token" } })).status).toBe(
      401,
    );
    expect((await fetch(a.url + "/api/functions/x.json")).status).toBe(401); // not mistaken for a static file
    // Odd spellings of an API path are still the API path.
    for (const p of [
      "//api/functions",
      "/_next/../api/functions",
      "/_next/%2e%2e/api/functions",
      "/x/..//api//functions",
    ]) {
      expect([p, await rawStatus(a.port, p)]).toEqual([p, 401]); // node:http sends the path unnormalized
    }
    expect(
      await a.platform.auth.authorize({ method: "GET", url: "http://other.example/api/functions", headers: {} }),
    ).toMatchObject({ action: "deny", status: 400 });
  });

  it("redirects anonymous pages to /login with a same-site next", async () => {
    const res = await fetch(a.url + "/functions/demo?tab=logs&_rsc=abc", { redirect: "manual" });
    expect([res.status, res.headers.get("location")]).toEqual([302, "/login?next=%2Ffunctions%2Fdemo%3Ftab%3Dlogs"]);
    // An address too long to carry back is dropped, not put in a Location header a client cannot read.
    const long = await fetch(`${a.url}/functions/demo?${"q=1&".repeat(3000)}`, { redirect: "manual" });
    expect([long.status, long.headers.get("location")]).toEqual([302, "/login"]);
    const { cookie } = await signIn("admin", "admin-password-1");
    for (const [next, to] of [
      ["/functions/demo", "/functions/demo"],
      ["//evil.example/x", "/"],
      ["https://evil.example", "/"],
      ["/\\evil.example", "/"],
    ] as const) {
      const r = await fetch(a.url + `/login?next=${encodeURIComponent(next)}`, {
        redirect: "manual",
        headers: { cookie },
      });
      expect([r.status, r.headers.get("location")]).toEqual([302, to]);
    }
  });

  it("lets a session through and requires the CSRF header and a same-origin Origin on mutations", async () => {
    const { cookie, csrf } = await signIn("admin", "admin-password-1");
    expect((await fetch(a.url + "/api/functions", { headers: { cookie } })).status).toBe(503);
    const post = (headers: Record<string, string>) =>
      fetch(a.url + "/api/functions", {
        method: "POST",
        headers: { cookie, "content-type": "application/json", ...headers },
        body: "{}",
      });
    const noCsrf = await post({});
    expect(noCsrf.status).toBe(403);
    expect(await noCsrf.json()).toMatchObject({ error: { code: "AccessDeniedException" } });
    expect((await post({ "x-nimbus-csrf": "not-the-token" })).status).toBe(403);
    expect((await post({ "x-nimbus-csrf": csrf, origin: "http://evil.example" })).status).toBe(403);
    expect((await post({ "x-nimbus-csrf": csrf, origin: "null" })).status).toBe(403);
    expect((await post({ "x-nimbus-csrf": csrf, referer: "http://evil.example/page" })).status).toBe(403);
    // A login form posted from another site is refused too (login CSRF).
    const crossLogin = await fetch(a.url + "/api/auth/login", {
      method: "POST",
      headers: { origin: "http://evil.example", "content-type": "application/json" },
      body: "{}",
    });
    expect(crossLogin.status).toBe(403);
    expect((await post({ "x-nimbus-csrf": csrf, origin: a.url })).status).toBe(503);
    expect((await post({ "x-nimbus-csrf": csrf })).status).toBe(503);
  });
});

describe("session ends", () => {
  it("logout ends the session at once on this server and, through NOTIFY, on another well within its cache time", async () => {
    const { cookie, csrf } = await signIn("admin", "admin-password-1");
    expect((await fetch(b.url + "/api/functions", { headers: { cookie } })).status).toBe(503); // now cached on b
    const out = await call(logoutPost, "/api/auth/logout", { body: {}, cookie });
    expect(out.status).toBe(204);
    expect(out.headers.get("set-cookie")).toContain("Max-Age=0");
    expect((await fetch(a.url + "/api/functions", { headers: { cookie } })).status).toBe(401);
    const logoutAgain = await fetch(a.url + "/api/auth/logout", {
      method: "POST",
      headers: { cookie, "x-nimbus-csrf": csrf },
    });
    expect(logoutAgain.status).toBe(401);
    // b cached the session a moment ago; the NOTIFY from a's logout drops it long before the cache would.
    const until = Date.now() + CACHE_MS / 2;
    let status = (await fetch(b.url + "/api/functions", { headers: { cookie } })).status;
    while (Date.now() < until && status !== 401) {
      await new Promise((r) => setTimeout(r, 50));
      status = (await fetch(b.url + "/api/functions", { headers: { cookie } })).status;
    }
    expect(status).toBe(401);
  });

  it("ends a session at its absolute end and after the idle timeout", async () => {
    const admin = await ctx().db.user.findUniqueOrThrow({ where: { username: "admin" } });
    const past = await createSession(ctx(), admin);
    await db.query(`UPDATE sessions SET "expiresAt" = now() - interval '1 second' WHERE id = $1`, [past.session.id]);
    expect(await a.platform.auth.session(`nimbus_session=${past.token}`)).toBeNull();
    expect((await db.query("SELECT 1 FROM sessions WHERE id = $1", [past.session.id])).rowCount).toBe(0);

    const idle = await createSession(ctx(), admin);
    const idleMinutes = a.settings.NIMBUS_SESSION_IDLE_MINUTES;
    await db.query(`UPDATE sessions SET "lastSeenAt" = now() - make_interval(mins => $2) WHERE id = $1`, [
      idle.session.id,
      idleMinutes + 1,
    ]);
    expect(await a.platform.auth.session(`nimbus_session=${idle.token}`)).toBeNull();

    const active = await createSession(ctx(), admin);
    await db.query(`UPDATE sessions SET "lastSeenAt" = now() - make_interval(mins => $2) WHERE id = $1`, [
      active.session.id,
      idleMinutes - 1,
    ]);
    expect(await a.platform.auth.session(`nimbus_session=${active.token}`)).toMatchObject({ username: "admin" });
  });

  it("changing the password needs the current one and ends the user's other sessions", async () => {
    const mine = await signIn("admin", "admin-password-1");
    const other = await signIn("admin", "admin-password-1");
    const wrong = await call(passwordPost, "/api/auth/password", {
      cookie: mine.cookie,
      body: { currentPassword: "not-it", newPassword: "admin-password-2" },
    });
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ error: { field: "currentPassword" } });
    const ok = await call(passwordPost, "/api/auth/password", {
      cookie: mine.cookie,
      body: { currentPassword: "admin-password-1", newPassword: "admin-password-2" },
    });
    expect(ok.status).toBe(204);
    expect((await fetch(a.url + "/api/functions", { headers: { cookie: other.cookie } })).status).toBe(401);
    expect((await fetch(a.url + "/api/functions", { headers: { cookie: mine.cookie } })).status).toBe(503);
    expect(
      (await call(loginPost, "/api/auth/login", { body: { username: "admin", password: "admin-password-1" } })).status,
    ).toBe(401);
    await signIn("admin", "admin-password-2");
  });
});

describe("NIMBUS_ADMIN_PASSWORD", () => {
  it("creates or resets admin at start; an unchanged password keeps admin's sessions", async () => {
    const logs: string[] = [];
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "nimbus-auth-"));
    const start = (password: string) =>
      startConsoleAuth(
        parseSettings({ NIMBUS_ADMIN_PASSWORD: password, NIMBUS_DATA_DIR: dataDir }),
        ctx(),
        createLogger("auth", (l) => logs.push(l)),
      );
    const adminHash = async () =>
      (await ctx().db.user.findUniqueOrThrow({ where: { username: "admin" } })).passwordHash;

    const session = await signIn("admin", "admin-password-2");
    let auth = await start("admin-password-2");
    expect(logs).toEqual([]);
    expect(auth.setupCode).toBeNull();
    expect(await a.platform.auth.session(session.cookie)).not.toBeNull();

    auth = await start("reset-password-3");
    expect(logs).toEqual(["[auth] NIMBUS_ADMIN_PASSWORD: user admin password reset, its sessions ended"]);
    expect(await verifyPassword("reset-password-3", await adminHash())).toBe(true);
    expect(await a.platform.auth.session(session.cookie)).toBeNull();

    await db.query("DELETE FROM users WHERE username = 'admin'");
    await start("created-password-4");
    expect(logs.at(-1)).toBe("[auth] NIMBUS_ADMIN_PASSWORD: user admin created");
    await signIn("admin", "created-password-4");
    expect(() => parseSettings({ NIMBUS_ADMIN_PASSWORD: "short" })).toThrow(
      /NIMBUS_ADMIN_PASSWORD: must be at least 8 characters/,
    );
  });
});
