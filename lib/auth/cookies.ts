/** The console's session cookie: httpOnly (scripts never see the token), SameSite=Lax, Secure over https. */
export const SESSION_COOKIE = "nimbus_session";

export function readCookie(header: string | null | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

export type CookieSecureSetting = "auto" | "always" | "never";

/** auto: Secure when a proxy in front says the browser spoke https (the server itself speaks http). */
export function cookieSecure(setting: CookieSecureSetting, forwardedProto: string | null | undefined): boolean {
  if (setting !== "auto") return setting === "always";
  const [first = ""] = (forwardedProto ?? "").split(",");
  return first.trim().toLowerCase() === "https";
}

export function sessionCookie(token: string, maxAgeSeconds: number, secure: boolean): string {
  // Lax, not Strict: a link to the console from a chat or a mail opens it signed in; what Lax
  // lets through (top-level GETs) changes nothing, and every mutation also needs the CSRF header.
  return (
    `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}` + (secure ? "; Secure" : "")
  );
}

export function clearedSessionCookie(secure: boolean): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secure ? "; Secure" : ""}`;
}
