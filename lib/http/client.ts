/** Browser side of the console's JSON API: typed fetch that turns error bodies into ApiError. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** Must match CSRF_HEADER in lib/auth/console-auth.ts (server-only module). */
const CSRF_HEADER = "x-nimbus-csrf";
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

// The session's CSRF token, learned from the login response or GET /api/auth/session; the
// session cookie itself is httpOnly and never visible here.
let csrfToken: string | null = null;
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

async function freshCsrfToken(): Promise<string | null> {
  const res = await fetch("/api/auth/session", { cache: "no-store" });
  const body = (await res.json().catch(() => null)) as { csrfToken?: string | null } | null;
  csrfToken = body?.csrfToken ?? null;
  return csrfToken;
}

/**
 * A console API request with the CSRF token on mutations; a failed answer becomes an ApiError.
 * The successful Response is returned unread (api() parses JSON; a streamed answer is read as it comes).
 */
export async function apiResponse(path: string, init?: RequestInit & { json?: unknown }): Promise<Response> {
  const { json, ...rest } = init ?? {};
  // Signing in needs no token (there is no session yet); every other mutation sends one.
  const mutation =
    !SAFE_METHODS.has((rest.method ?? "GET").toUpperCase()) && path !== "/api/auth/login" && path !== "/api/auth/setup";
  const send = async (token: string | null) =>
    fetch(path, {
      ...rest,
      headers: {
        ...(json !== undefined ? { "Content-Type": "application/json" } : {}),
        ...(mutation && token ? { [CSRF_HEADER]: token } : {}),
        ...rest.headers,
      },
      body: json !== undefined ? JSON.stringify(json) : rest.body,
    });
  let res = await send(mutation ? (csrfToken ?? (await freshCsrfToken())) : null);
  // A token from before a new sign-in (another tab signed out and in): fetch the current one once.
  if (mutation && res.status === 403) res = await send(await freshCsrfToken());
  if (res.ok) return res;
  const body = await res.json().catch(() => null);
  const e = (body as { error?: { code?: string; message?: string; field?: string } } | null)?.error;
  if (res.status === 401 && !path.startsWith("/api/auth/") && typeof window !== "undefined") {
    // The session ended (signed out elsewhere, expired): back to sign-in, then back here.
    const here = window.location.pathname + window.location.search;
    window.location.assign(`/login?next=${encodeURIComponent(here)}`);
  }
  throw new ApiError(res.status, e?.code ?? "Error", e?.message ?? `Request failed (${res.status})`, e?.field);
}

export async function api<T>(path: string, init?: RequestInit & { json?: unknown }): Promise<T> {
  const res = await apiResponse(path, init);
  if (res.status === 204) return undefined as T;
  return (await res.json().catch(() => null)) as T;
}

/** The lines of a streamed answer (application/x-ndjson), as they arrive. */
export async function* readLines(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let pending = "";
  for (;;) {
    const { done, value } = await reader.read();
    pending += done ? decoder.decode() : decoder.decode(value, { stream: true });
    let nl = pending.indexOf("\n");
    while (nl >= 0) {
      const line = pending.slice(0, nl);
      pending = pending.slice(nl + 1);
      if (line.trim()) yield line;
      nl = pending.indexOf("\n");
    }
    if (done) break;
  }
  if (pending.trim()) yield pending;
}
