/**
 * What one invocation may log, counted the same way in the worker (which keeps the lines)
 * and in the supervisor (which does not trust the worker): every line costs its UTF-8 bytes
 * plus a fixed overhead, as a CloudWatch log event costs its bytes plus 26. So a flood of
 * tiny or empty lines reaches the cap as surely as one huge write; a write larger than what
 * is left is cut at the cap, not dropped whole; whenever anything is cut or dropped the
 * invocation is marked truncated and one marker line says how much was written in all.
 */
import { MAX_LOG_BYTES_PER_INVOCATION, type LogEntry, type LogLevel } from "@/lib/executor/types";

export const LOG_LINE_OVERHEAD_BYTES = 26;
/** A cut line keeps at least this much, else it is dropped. */
const MIN_CUT_BYTES = 64;
const LEVELS = new Set<LogLevel>(["INFO", "WARN", "ERROR", "DEBUG", "TRACE", "FATAL"]);
const encoder = new TextEncoder();

export class LogBudget {
  /** Bytes kept (with the per-line overhead). */
  used = 0;
  /** Bytes written in all, kept or not (with the per-line overhead). */
  written = 0;
  truncated = false;

  constructor(readonly limit = MAX_LOG_BYTES_PER_INVOCATION) {}

  /** The message to keep — whole, or cut to what is left — or null when nothing of it fits. */
  admit(message: string): string | null {
    const bytes = message.length <= 64 && isAscii(message) ? message.length : Buffer.byteLength(message, "utf8");
    const cost = bytes + LOG_LINE_OVERHEAD_BYTES;
    this.written += cost;
    if (this.used + cost <= this.limit) {
      this.used += cost;
      return message;
    }
    this.truncated = true;
    const room = this.limit - this.used - LOG_LINE_OVERHEAD_BYTES;
    if (room < MIN_CUT_BYTES) return null;
    this.used = this.limit;
    return cutUtf8(message, room);
  }

  /** The WARN line that ends a truncated log (not counted against the cap). */
  marker(ts = Date.now()): LogEntry {
    return {
      ts,
      level: "WARN",
      message:
        `[nimbus] log output truncated: ${this.written} bytes were written and ${this.written - this.used} ` +
        `of them dropped (limit ${this.limit} bytes per invocation; ` +
        `each line counts its bytes plus ${LOG_LINE_OVERHEAD_BYTES})`,
    };
  }

  reset(): void {
    this.used = 0;
    this.written = 0;
    this.truncated = false;
  }
}

/** The longest prefix of `s` that fits `maxBytes` of UTF-8, never splitting a character. */
export function cutUtf8(s: string, maxBytes: number): string {
  const buf = new Uint8Array(maxBytes);
  const { read } = encoder.encodeInto(s, buf);
  return s.slice(0, read);
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

/**
 * Log lines as an instance reported them, made safe to keep: each entry must be an object with
 * a string message (anything else is dropped), a known level (else INFO) and a finite time
 * (else now); what passes is counted against the budget.
 */
export function admitLines(raw: unknown, budget: LogBudget, into: LogEntry[]): void {
  if (!Array.isArray(raw)) return;
  for (const e of raw as unknown[]) {
    if (typeof e !== "object" || e === null) continue;
    const { ts, level, message } = e as Partial<LogEntry>;
    if (typeof message !== "string") continue;
    const kept = budget.admit(message);
    if (kept === null) continue;
    into.push({
      ts: typeof ts === "number" && Number.isFinite(ts) ? ts : Date.now(),
      level: level && LEVELS.has(level) ? level : "INFO",
      message: kept,
    });
  }
}
