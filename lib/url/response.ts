/**
 * What a function's result becomes as an HTTP response, as function URLs infer it: an object
 * with a numeric statusCode is a response (headers, cookies → Set-Cookie, body, isBase64Encoded);
 * any other JSON value is a 200 application/json whose body is that JSON (a JSON string's body
 * is the string itself). A failed invocation is a 502, and so is a response HTTP cannot carry: a
 * status outside 200–599, or a header name or value that is not legal HTTP (no header splitting).
 * Headers that frame the connection (content-length, transfer-encoding, connection, …) are the
 * server's to write, never the function's, and a function cannot set the console's session cookie.
 */
import { validateHeaderName, validateHeaderValue } from "node:http";
import { SESSION_COOKIE } from "@/lib/auth/cookies";
import type { InvokeResult } from "@/lib/executor/types";

export interface HttpAnswer {
  status: number;
  headers: Array<[string, string]>;
  body: Buffer;
}

export const jsonAnswer = (status: number, message: string): HttpAnswer => ({
  status,
  headers: [["content-type", "application/json"]],
  body: Buffer.from(JSON.stringify({ Message: message })),
});

const badGateway = () => jsonAnswer(502, "Internal Server Error");

export function answerOf(result: InvokeResult): HttpAnswer {
  if (result.outcome !== "Success") return badGateway();
  const text = result.payload.toString("utf8");
  let value: unknown;
  try {
    value = text.length ? JSON.parse(text) : null;
  } catch {
    return badGateway();
  }
  if (value !== null && typeof value === "object" && !Array.isArray(value) && "statusCode" in value) {
    return structured(value as Record<string, unknown>) ?? badGateway();
  }
  const body = typeof value === "string" ? value : value === null ? "" : text;
  return { status: 200, headers: [["content-type", "application/json"]], body: Buffer.from(body) };
}

function structured(r: Record<string, unknown>): HttpAnswer | null {
  const head = responseHead(r);
  if (!head) return null;
  const { status, headers } = head;
  if (!headers.some(([k]) => k === "content-type")) headers.push(["content-type", "application/json"]);
  let body = Buffer.alloc(0);
  if (r.body !== undefined && r.body !== null) {
    const raw = typeof r.body === "string" ? r.body : JSON.stringify(r.body);
    body = r.isBase64Encoded === true ? Buffer.from(raw, "base64") : Buffer.from(raw);
  }
  // These statuses carry no body; a content-length over one would desynchronise keep-alive.
  if (status === 204 || status === 304) body = Buffer.alloc(0);
  return { status, headers, body };
}

/**
 * The status line and headers a function asked for ({statusCode, headers, cookies}: a buffered
 * response, or a stream's prelude), checked; null when HTTP cannot carry them.
 */
export function responseHead(r: Record<string, unknown>): { status: number; headers: Array<[string, string]> } | null {
  const status = r.statusCode;
  if (typeof status !== "number" || !Number.isInteger(status) || status < 200 || status > 599) return null;
  const headers: Array<[string, string]> = [];
  if (r.headers !== undefined && r.headers !== null) {
    if (typeof r.headers !== "object" || Array.isArray(r.headers)) return null;
    for (const [k, v] of Object.entries(r.headers)) {
      if (v === null || v === undefined) continue;
      const name = k.toLowerCase();
      if (!legal(name, String(v))) return null;
      if (!SERVER_OWNED.has(name) && !(name === "set-cookie" && setsConsoleCookie(String(v))))
        headers.push([name, String(v)]);
    }
  }
  if (Array.isArray(r.cookies))
    for (const c of r.cookies) {
      if (typeof c !== "string") continue;
      if (!legal("set-cookie", c)) return null;
      if (!setsConsoleCookie(c)) headers.push(["set-cookie", c]);
    }
  return { status, headers };
}

/** Written by the server for every response; a function's value would break the framing. */
const SERVER_OWNED = new Set([
  "content-length",
  "transfer-encoding",
  "connection",
  "keep-alive",
  "upgrade",
  "proxy-connection",
  "te",
  "trailer",
  "x-amzn-requestid",
]);

function legal(name: string, value: string): boolean {
  try {
    validateHeaderName(name);
    validateHeaderValue(name, value);
    return true;
  } catch {
    return false;
  }
}

function setsConsoleCookie(setCookie: string): boolean {
  const eq = setCookie.indexOf("=");
  return (eq < 0 ? setCookie : setCookie.slice(0, eq)).trim().toLowerCase() === SESSION_COOKIE;
}
