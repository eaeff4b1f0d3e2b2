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
