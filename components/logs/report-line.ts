/**
 * Reading rendered log lines back in the browser (pure): the REPORT line's figures for the
 * summary above a log, and each line's kind for its colour. The text format is the AWS Lambda
 * Node runtime's, produced by lib/logs/format.ts.
 */
export interface ReportSummary {
  requestId: string;
  durationMs: number;
  billedDurationMs: number;
  memorySizeMb: number;
  maxMemoryUsedMb: number;
  /** Only on a cold start. */
  initDurationMs: number | null;
  /** Lambda writes a Status only when the platform ended the run (timeout, crash, out of memory). */
  status: "timeout" | "error" | null;
  errorType: string | null;
}

/** Parses `REPORT RequestId: …\tDuration: 1.23 ms\tBilled Duration: 2 ms\t…`; null for any other line. */
export function parseReportLine(line: string): ReportSummary | null {
  if (!line.startsWith("REPORT RequestId: ")) return null;
  const fields = new Map<string, string>();
  for (const part of line.slice("REPORT ".length).split("\t")) {
    const i = part.indexOf(": ");
    if (i > 0) fields.set(part.slice(0, i), part.slice(i + 2).trim());
  }
  // "12.34 ms" / "128 MB": the number before the unit.
  const num = (key: string) => {
    const v = Number.parseFloat(fields.get(key) ?? "");
    return Number.isFinite(v) ? v : null;
  };
  const requestId = fields.get("RequestId");
  const durationMs = num("Duration");
  const billedDurationMs = num("Billed Duration");
  const memorySizeMb = num("Memory Size");
  const maxMemoryUsedMb = num("Max Memory Used");
  if (
    !requestId ||
    durationMs === null ||
    billedDurationMs === null ||
    memorySizeMb === null ||
    maxMemoryUsedMb === null
  )
    return null;
  const status = fields.get("Status");
  return {
    requestId,
    durationMs,
    billedDurationMs,
    memorySizeMb,
    maxMemoryUsedMb,
    initDurationMs: num("Init Duration"),
    status: status === "timeout" || status === "error" ? status : null,
    errorType: fields.get("Error Type") ?? null,
  };
}

export type LineKind = "platform" | "error" | "warn" | "info" | "debug";

const LEVELS: Record<string, LineKind> = {
  ERROR: "error",
  FATAL: "error",
  WARN: "warn",
  INFO: "info",
  DEBUG: "debug",
  TRACE: "debug",
};

/**
 * START/END/REPORT are the platform's; the timeout notice and a REPORT with a Status are errors;
 * a function's own line is `<iso>\t<requestId>\t<LEVEL>\t<message>`.
 */
export function lineKind(line: string): LineKind {
  if (line.startsWith("START RequestId: ") || line.startsWith("END RequestId: ")) return "platform";
  if (line.startsWith("REPORT RequestId: ")) return /\tStatus: /.test(line) ? "error" : "platform";
  const parts = line.split("\t", 4);
  if (parts.length >= 4 && /^\d{4}-\d{2}-\d{2}T/.test(parts[0]!))
    return Object.hasOwn(LEVELS, parts[2]!) ? LEVELS[parts[2]!]! : "info";
  if (/^\S+ \S+ Task timed out after /.test(line)) return "error";
  return "info";
}
