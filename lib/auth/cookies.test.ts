import { describe, expect, it } from "vitest";
import { cookieSecure, readCookie, sessionCookie } from "@/lib/auth/cookies";
import { isStaticPath, sameOrigin } from "@/lib/auth/console-auth";

describe("session cookie", () => {
  it("is Secure behind an https proxy (auto) or when forced, never over plain http in auto", () => {
    expect(cookieSecure("auto", "https")).toBe(true);
    expect(cookieSecure("auto", "https, http")).toBe(true);
    expect(cookieSecure("auto", "http")).toBe(false);
    expect(cookieSecure("auto", null)).toBe(false);
    expect(cookieSecure("always", null)).toBe(true);
    expect(cookieSecure("never", "https")).toBe(false);
    expect(sessionCookie("tok", 60, true)).toBe(
      "nimbus_session=tok; Path=/; HttpOnly; SameSite=Lax; Max-Age=60; Secure",
    );
  });

  it("is read from a Cookie header among others", () => {
    expect(readCookie("a=1; nimbus_session=xyz; b=2", "nimbus_session")).toBe("xyz");
    expect(readCookie("xnimbus_session=1", "nimbus_session")).toBeNull();
    expect(readCookie(undefined, "nimbus_session")).toBeNull();
  });
});

describe("gate helpers", () => {
  it("accepts Origin/Referer of this host (or the proxy's forwarded host) only", () => {
    expect(sameOrigin({ host: "nimbus.local:3000" })).toBe(true);
    expect(sameOrigin({ host: "nimbus.local:3000", origin: "http://nimbus.local:3000" })).toBe(true);
    expect(
      sameOrigin({
        host: "127.0.0.1:3000",
        "x-forwarded-host": "console.example.com",
        origin: "https://console.example.com",
      }),
    ).toBe(true);
    expect(sameOrigin({ host: "nimbus.local:3000", origin: "http://nimbus.local:3001" })).toBe(false);
    expect(sameOrigin({ host: "nimbus.local:3000", referer: "http://evil.example/x" })).toBe(false);
    expect(sameOrigin({ host: "nimbus.local:3000", origin: "null" })).toBe(false);
  });

  it("treats Next's bundles and public files as static, pages and the API not", () => {
    expect(isStaticPath("/_next/static/chunks/a.js")).toBe(true);
    expect(isStaticPath("/favicon.ico")).toBe(true);
    expect(isStaticPath("/functions/my-fn")).toBe(false);
    expect(isStaticPath("/api/functions")).toBe(false);
    expect(isStaticPath("/api/functions/x.json")).toBe(false);
    expect(isStaticPath("/functions/x.png")).toBe(false);
  });
});
