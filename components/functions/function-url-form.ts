/** The Function URL form's draft, its checks, and the request it becomes (pure; tested beside). */
import type { FunctionUrlInput, FunctionUrlView } from "@/lib/queries/function-url";

export interface UrlDraft {
  authType: "NONE" | "AWS_IAM";
  invokeMode: "BUFFERED" | "RESPONSE_STREAM";
  corsOn: boolean;
  allowOrigins: string;
  allowMethods: string;
  allowHeaders: string;
  exposeHeaders: string;
  maxAge: string;
  allowCredentials: boolean;
}

export type UrlErrors = Partial<Record<keyof UrlDraft, string>>;

const list = (s: string) =>
  s
    .split(",")
    .map((x) => x.trim())
    .filter(Boolean);

export function draftOfUrl(view: FunctionUrlView): UrlDraft {
  const c = view.url?.cors ?? null;
  return {
    authType: view.url?.authType ?? "NONE",
    invokeMode: view.url?.invokeMode ?? "BUFFERED",
    corsOn: c !== null,
    allowOrigins: c?.AllowOrigins?.join(", ") ?? "*",
    allowMethods: c?.AllowMethods?.join(", ") ?? "*",
    allowHeaders: c?.AllowHeaders?.join(", ") ?? "",
    exposeHeaders: c?.ExposeHeaders?.join(", ") ?? "",
    maxAge: c?.MaxAge !== undefined ? String(c.MaxAge) : "",
    allowCredentials: c?.AllowCredentials ?? false,
  };
}

export function validateUrl(d: UrlDraft): UrlErrors {
  const e: UrlErrors = {};
  if (!d.corsOn) return e;
  if (list(d.allowOrigins).length === 0) e.allowOrigins = "List at least one origin, or * for any";
  for (const m of list(d.allowMethods))
    if (m !== "*" && !/^[A-Za-z]{1,6}$/.test(m)) e.allowMethods = `${m} is not a method (GET, POST, … or *)`;
  if (d.maxAge.trim() && !(/^\d+$/.test(d.maxAge.trim()) && Number(d.maxAge) <= 86400))
    e.maxAge = "Max age is 0–86400 seconds";
  if (d.allowCredentials && list(d.allowOrigins).includes("*"))
    e.allowCredentials = "Credentials cannot be allowed for any origin (*): list the origins";
  return e;
}

export function toUrlInput(d: UrlDraft): FunctionUrlInput {
  return {
    authType: d.authType,
    invokeMode: d.invokeMode,
    cors: d.corsOn
      ? {
          AllowOrigins: list(d.allowOrigins),
          AllowMethods: list(d.allowMethods).map((m) => (m === "*" ? m : m.toUpperCase())),
          ...(list(d.allowHeaders).length ? { AllowHeaders: list(d.allowHeaders) } : {}),
          ...(list(d.exposeHeaders).length ? { ExposeHeaders: list(d.exposeHeaders) } : {}),
          ...(d.maxAge.trim() ? { MaxAge: Number(d.maxAge) } : {}),
          ...(d.allowCredentials ? { AllowCredentials: true } : {}),
        }
      : null,
  };
}

/** Methods the HTTP tester offers. */
export const TRY_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"] as const;

/**
 * The tester's header box: one `Name: value` per line; blank lines skipped. A line without a colon or
 * with a name HTTP does not allow is reported by its line number, so nothing is sent half-parsed.
 */
export function parseHeaderLines(text: string): { headers: Array<[string, string]> } | { error: string } {
  const headers: Array<[string, string]> = [];
  const lines = text.split(/\r?\n/);
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim();
    if (!line) continue;
    const colon = line.indexOf(":");
    const name = colon > 0 ? line.slice(0, colon).trim() : "";
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) return { error: `Line ${i + 1}: write headers as Name: value` };
    headers.push([name, line.slice(colon + 1).trim()]);
  }
  return { headers };
}

/** The path box: always starts with `/`; a full URL pasted in is refused rather than guessed at. */
export function tryPathProblem(path: string): string | null {
  if (/^[a-z]+:\/\//i.test(path.trim())) return "Give the path after the URL, e.g. /orders?id=7";
  if (/\s/.test(path.trim())) return "Paths cannot contain spaces (encode them as %20)";
  return null;
}
