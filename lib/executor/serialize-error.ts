import type { SerializedError } from "./types";

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

export function runtimeError(errorType: string, errorMessage: string, trace: string[] = []): SerializedError {
  return { errorType, errorMessage, trace };
}
