/**
 * CORS for a function URL with a Cors config, answered by Nimbus, never by the function (as AWS
 * does): a preflight gets its answer without an invocation; other responses get the allow headers
 * for an allowed origin (the function's own CORS headers are replaced).
 */
import type { Cors } from "@/lib/services/function-urls";

const CORS_HEADERS = /^access-control-/;

function allowedOrigin(cors: Cors, origin: string | undefined): string | null {
  if (!origin) return null;
  const list = cors.AllowOrigins ?? [];
  if (list.includes("*")) return cors.AllowCredentials ? origin : "*";
  return list.some((o) => o.toLowerCase() === origin.toLowerCase()) ? origin : null;
}

/** The answer to a preflight (OPTIONS with Access-Control-Request-Method), or null when it is not one. */
export function preflight(
  cors: Cors | null,
  method: string,
  headers: Record<string, string | string[] | undefined>,
): Array<[string, string]> | null {
  if (!cors || method !== "OPTIONS" || !headers["access-control-request-method"]) return null;
  const out: Array<[string, string]> = [["vary", "Origin"]];
  const origin = allowedOrigin(cors, headers.origin as string | undefined);
  if (!origin) return out;
  out.push(["access-control-allow-origin", origin]);
  if (cors.AllowMethods?.length) out.push(["access-control-allow-methods", cors.AllowMethods.join(",")]);
  if (cors.AllowHeaders?.length) out.push(["access-control-allow-headers", cors.AllowHeaders.join(",")]);
  if (cors.AllowCredentials) out.push(["access-control-allow-credentials", "true"]);
  if (cors.MaxAge !== undefined) out.push(["access-control-max-age", String(cors.MaxAge)]);
  return out;
}

/** A response's headers with the CORS ones of the config (the function's own CORS headers dropped). */
export function withCors(
  cors: Cors | null,
  origin: string | undefined,
  headers: Array<[string, string]>,
): Array<[string, string]> {
  if (!cors) return headers;
  const out = headers.filter(([k]) => !CORS_HEADERS.test(k));
  const allowed = allowedOrigin(cors, origin);
  out.push(["vary", "Origin"]);
  if (!allowed) return out;
  out.push(["access-control-allow-origin", allowed]);
  if (cors.ExposeHeaders?.length) out.push(["access-control-expose-headers", cors.ExposeHeaders.join(",")]);
  if (cors.AllowCredentials) out.push(["access-control-allow-credentials", "true"]);
  return out;
}
