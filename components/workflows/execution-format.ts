/** How executions read on screen (pure): status words and tones, durations, JSON, names. */
import type { BadgeTone } from "@/components/ui/badge";
import type { ExecutionStatus, MachineType } from "@/lib/queries/state-machines";

export const STATUS_LABEL: Record<ExecutionStatus, string> = {
  RUNNING: "Running",
  SUCCEEDED: "Succeeded",
  FAILED: "Failed",
  TIMED_OUT: "Timed out",
  ABORTED: "Aborted",
};

export const STATUS_TONE: Record<ExecutionStatus, BadgeTone> = {
  RUNNING: "info",
  SUCCEEDED: "success",
  FAILED: "error",
  TIMED_OUT: "error",
  ABORTED: "warning",
};

/** How long from start to stop (or to now, while it runs): "850 ms", "4.2 s", "3 min 12 s", "2 h 5 min". */
export function formatElapsed(startedAt: string, stoppedAt: string | null, now: number = Date.now()): string {
  const ms = Math.max(0, (stoppedAt ? Date.parse(stoppedAt) : now) - Date.parse(startedAt));
  if (!Number.isFinite(ms)) return "—";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${+(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const s = Math.floor(ms / 1000);
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
  return `${Math.floor(s / 86_400)} d ${Math.floor((s % 86_400) / 3600)} h`;
}

/** JSON text pretty-printed; anything else as it is. */
export function prettyJson(text: string | null | undefined): string {
  if (text == null) return "";
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/** Step Functions' rule: a failed, timed-out or aborted Standard execution can run on from where it stopped. */
export function canRedrive(e: { type: MachineType; status: ExecutionStatus }): boolean {
  return e.type === "STANDARD" && (e.status === "FAILED" || e.status === "TIMED_OUT" || e.status === "ABORTED");
}

/** The API's rule for state machine and execution names, checked as you type. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the rule refuses control characters on purpose
const NAME = /^[^\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]{1,80}$/u;

export function resourceNameProblem(name: string, what: string): string | null {
  if (name.length === 0) return `Enter a ${what}.`;
  if (name.length > 80) return `The ${what} must be at most 80 characters`;
  if (!NAME.test(name)) return `The ${what} may not contain spaces, brackets, wildcards or "#%\\^|~\`$&,;:/`;
  return null;
}

/** The execution input must be JSON; the message says where it is not. */
export function inputProblem(text: string): string | null {
  try {
    JSON.parse(text);
    return null;
  } catch (err) {
    return `The input is not JSON: ${(err as Error).message}`;
  }
}

/** An event's details for reading: the JSON text it carries (input, output…) parsed in place. */
export function readableDetails(details: Record<string, unknown> | null): string {
  if (!details) return "No details";
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(details)) {
    if (typeof v !== "string" || !/^\s*[[{"]|^(true|false|null|-?\d)/.test(v)) out[k] = v;
    else {
      try {
        out[k] = JSON.parse(v);
      } catch {
        out[k] = v;
      }
    }
  }
  return JSON.stringify(out, null, 2);
}

/** How an event's type reads in the history: failures red, successes green. */
export function eventTone(type: string): "error" | "success" | "neutral" {
  if (/(Failed|TimedOut|Aborted)$/.test(type)) return "error";
  if (/Succeeded$/.test(type)) return "success";
  return "neutral";
}
