import type { SerializedError } from "@/lib/executor/types";

/**
 * Lambda's error shape, built defensively: user errors can carry throwing getters,
 * so every property read is guarded. Non-Error throws follow the Node runtime client:
 * errorType is typeof the value.
 */
export function serializeError(err: unknown): SerializedError {
  try {
    if (err instanceof Error) {
      let errorType = safeString(err.name) || "Error";
      const ctorName = safeString((err as { constructor?: { name?: unknown } }).constructor?.name);
      if (errorType === "Error" && ctorName && ctorName !== "Error") errorType = ctorName;
      return {
        errorType,
        errorMessage: safeString(err.message),
        trace: safeString(err.stack).split("\n").filter(Boolean).slice(0, 50),
      };
    }
    return { errorType: typeof err, errorMessage: safeString(err), trace: [] };
  } catch {
    return { errorType: "Error", errorMessage: "An error that could not be read was thrown", trace: [] };
  }
}

function safeString(v: unknown): string {
  try {
    if (v === undefined || v === null) return "";
    return String(v).slice(0, 64 * 1024);
  } catch {
    return "";
  }
}

/**
 * An error as an instance reported it, made safe to keep: user code can forge its frames, so
 * the fields are checked and bounded here (strings, at most 64 KB each, at most 50 trace lines).
 */
export function untrustedError(raw: unknown): SerializedError | undefined {
  if (typeof raw !== "object" || raw === null)
    return raw === undefined ? undefined : { errorType: "Error", errorMessage: "", trace: [] };
  const { errorType, errorMessage, trace } = raw as Partial<Record<keyof SerializedError, unknown>>;
  return {
    errorType: typeof errorType === "string" && errorType ? errorType.slice(0, 256) : "Error",
    errorMessage: typeof errorMessage === "string" ? errorMessage.slice(0, 64 * 1024) : "",
    trace: Array.isArray(trace)
      ? trace
          .filter((l): l is string => typeof l === "string")
          .slice(0, 50)
          .map((l) => l.slice(0, 4096))
      : [],
  };
}
