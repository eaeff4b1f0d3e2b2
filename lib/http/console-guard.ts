/**
 * Checks the server front makes on every console request before anything reads it:
 *  - a bound on the request body per route (413 past it, without reading the body; a body of
 *    unknown length on a route that takes one is 411), so a 600 MB POST is never buffered;
 *  - a path that cannot be decoded (a lone `%`, `%ff`, an encoded NUL) is a 400, not a 500.
 * The bounds are documented in docs/operations.md.
 */

/** Per route: the most bytes of body it takes. The first match wins; the last entry is the default. */
export const CONSOLE_BODY_LIMITS: ReadonlyArray<{ method: string; path: RegExp; bytes: number; what: string }> = [
  // A test invocation carries an event of up to 6 MB (Lambda's synchronous limit) as JSON text.
  {
    method: "POST",
    path: /^\/api\/functions\/[^/]+\/invoke$/,
    bytes: 8 * 1024 * 1024,
    what: "a test event (6 MB) as JSON text",
  },
  // Code written in the console: up to 3 MB of source (as the Lambda console), escaped in JSON.
  {
    method: "PUT",
    path: /^\/api\/functions\/[^/]+\/code$/,
    bytes: 7 * 1024 * 1024,
    what: "3 MB of source code as JSON",
  },
  {
    method: "POST",
    path: /^\/api\/functions$/,
    bytes: 7 * 1024 * 1024,
    what: "a new function with up to 3 MB of source code",
  },
  { method: "*", path: /^/, bytes: 1024 * 1024, what: "a console request" },
];

export function consoleBodyLimit(method: string, pathname: string): { bytes: number; what: string } {
  for (const l of CONSOLE_BODY_LIMITS) if ((l.method === "*" || l.method === method) && l.path.test(pathname)) return l;
  return CONSOLE_BODY_LIMITS[CONSOLE_BODY_LIMITS.length - 1]!;
}

export type BodyVerdict = { ok: true } | { ok: false; status: 411 | 413; message: string };

/** Judges a request's body from its headers alone. */
export function checkBodySize(
  method: string,
  pathname: string,
  headers: { "content-length"?: string; "transfer-encoding"?: string },
): BodyVerdict {
  const declared = headers["content-length"];
  if (declared === undefined) {
    if (!headers["transfer-encoding"]) return { ok: true }; // no body
    if (method === "GET" || method === "HEAD") return { ok: true };
    const { bytes } = consoleBodyLimit(method, pathname);
    return { ok: false, status: 411, message: `This request must state its Content-Length (at most ${bytes} bytes)` };
  }
  const n = Number(declared);
  const limit = consoleBodyLimit(method, pathname);
  if (Number.isSafeInteger(n) && n <= limit.bytes) return { ok: true };
  return {
    ok: false,
    status: 413,
    message: `The request body is ${declared} bytes; at most ${limit.bytes} bytes are taken here (${limit.what})`,
  };
}

/** Why a path cannot be served (bad percent-encoding, an encoded NUL or a lone surrogate), or null. */
export function malformedPath(pathname: string): string | null {
  if (!pathname.includes("%")) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return "The path has a malformed percent-encoding";
  }
  if (decoded.includes("\u0000")) return "The path must not contain the NUL character (%00)";
  return null;
}
