/**
 * The Traces page's filters as URL search params (pure), named as the console API names them:
 * `function`, `minMs`, `errors=1`. Unknown or broken values read as "no filter".
 */
import type { TraceFilters } from "@/lib/queries/traces";

export type { TraceFilters };

export const NO_FILTERS: TraceFilters = { functionName: "", minMs: null, errorsOnly: false };

/** Longer than any function name or ARN: a pasted essay is cut, not sent. */
const MAX_NAME = 170;
/** A day: a bigger minimum is a typo, and keeps the number an integer the server accepts. */
export const MAX_MIN_MS = 86_400_000;

/** A duration as typed: digits only (fractions are not worth a filter), within range. */
export function parseMinMs(raw: string | null | undefined): number | null {
  const s = raw?.trim() ?? "";
  if (!/^\d{1,9}$/.test(s)) return null;
  const n = Number(s);
  return n > 0 && n <= MAX_MIN_MS ? n : null;
}

export function readTraceFilters(sp: { get(name: string): string | null }): TraceFilters {
  return {
    functionName: (sp.get("function") ?? "").trim().slice(0, MAX_NAME),
    minMs: parseMinMs(sp.get("minMs")),
    errorsOnly: sp.get("errors") === "1",
  };
}

/** The query string with `patch` applied; defaults left out, other params kept. */
export function writeTraceFilters(current: string, patch: Partial<TraceFilters>): string {
  const next = new URLSearchParams(current);
  const merged = { ...readTraceFilters(next), ...patch };
  const put = (key: string, value: string | null) => (value ? next.set(key, value) : next.delete(key));
  put("function", merged.functionName.trim() || null);
  put("minMs", merged.minMs === null ? null : String(merged.minMs));
  put("errors", merged.errorsOnly ? "1" : null);
  return next.toString();
}

export const isFiltered = (f: TraceFilters) => f.functionName !== "" || f.minMs !== null || f.errorsOnly;
