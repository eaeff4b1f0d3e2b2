/**
 * Captures console.* and process.stdout/stderr writes of user code into per-invocation
 * buffers, tagged with a level, as the Lambda Node runtime does. What one invocation may
 * keep is bounded by a LogBudget (bytes plus a per-line overhead); the rest is counted and
 * reported as truncated, with a marker line.
 */
import { format } from "node:util";
import { LogBudget } from "@/lib/executor/log-budget";
import type { LogEntry, LogLevel } from "@/lib/executor/types";

export class LogCapture {
  entries: LogEntry[] = [];
  readonly budget = new LogBudget();
  /** Called after each kept line: lets the instance ship lines while a call runs. */
  onAdd: (() => void) | null = null;

  add(level: LogLevel, message: string): void {
    const kept = this.budget.admit(message);
    if (kept === null) return;
    this.entries.push({ ts: Date.now(), level, message: kept });
    this.onAdd?.();
  }

  /** Hands over the lines so far, keeping the invocation's byte count. */
  drain(): LogEntry[] {
    const out = this.entries;
    this.entries = [];
    return out;
  }

  /** Hands over what was captured and starts afresh. */
  take(): { logs: LogEntry[]; logBytes: number; logTruncated: boolean } {
    if (this.budget.truncated) this.entries.push(this.budget.marker());
    const out = { logs: this.entries, logBytes: this.budget.written, logTruncated: this.budget.truncated };
    this.entries = [];
    this.budget.reset();
    return out;
  }
}
/** `capture`: where a line written now goes (the call it belongs to). */
export function patchConsole(capture: () => LogCapture): void {
  const levels: Array<[keyof Console, LogLevel]> = [
    ["log", "INFO"],
    ["info", "INFO"],
    ["warn", "WARN"],
    ["error", "ERROR"],
    ["debug", "DEBUG"],
    ["trace", "TRACE"],
  ];
  for (const [method, level] of levels) {
    const fn = (...args: unknown[]) => {
      let message: string;
      try {
        message = format(...args);
      } catch {
        message = "[nimbus] unformattable log message";
      }
      if (method === "trace") message += "\n" + (new Error().stack ?? "").split("\n").slice(2).join("\n");
      capture().add(level, message);
    };
    Object.defineProperty(console, method, { value: fn, writable: true, configurable: true });
  }
  const patchStream = (stream: NodeJS.WriteStream, level: LogLevel) => {
    stream.write = ((chunk: unknown, encoding?: unknown, cb?: unknown) => {
      const text =
        typeof chunk === "string"
          ? chunk
          : Buffer.isBuffer(chunk) || chunk instanceof Uint8Array
            ? Buffer.from(chunk).toString("utf8")
            : String(chunk);
      capture().add(level, text.endsWith("\n") ? text.slice(0, -1) : text);
      const done = typeof encoding === "function" ? encoding : cb;
      if (typeof done === "function") queueMicrotask(() => (done as () => void)());
      return true;
    }) as NodeJS.WriteStream["write"];
  };
  patchStream(process.stdout, "INFO");
  patchStream(process.stderr, "ERROR");
}
