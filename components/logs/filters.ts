/**
 * The Logs tab's state as URL search params (pure): read with defaults for anything unknown,
 * write back without disturbing the page's other params (`tab`, the Monitor tab's `range`).
 * The window is `since`, not `range`, because the Monitor tab owns `range` with other values.
 */
import type { InvocationItem, InvocationStatus, LogMatch } from "@/lib/queries/invocations";

export const STATUS_OPTIONS = [
  { value: "all", label: "All" },
  { value: "success", label: "Succeeded" },
  { value: "error", label: "Failed" },
  { value: "timeout", label: "Timed out" },
  { value: "throttled", label: "Throttled" },
] as const;
export type StatusFilter = (typeof STATUS_OPTIONS)[number]["value"];

const MIN = 60_000;
export const SINCE_OPTIONS = [
  { value: "15m", label: "Last 15 minutes", ms: 15 * MIN },
  { value: "1h", label: "Last hour", ms: 60 * MIN },
  { value: "24h", label: "Last 24 hours", ms: 24 * 60 * MIN },
  { value: "7d", label: "Last 7 days", ms: 7 * 24 * 60 * MIN },
  { value: "all", label: "All time", ms: undefined },
] as const;
export type SinceFilter = (typeof SINCE_OPTIONS)[number]["value"];

export interface LogsState {
  status: StatusFilter;
  since: SinceFilter;
  q: string;
  live: boolean;
  /** The request id whose log is open. */
  open: string | null;
}

export const DEFAULTS: LogsState = { status: "all", since: "all", q: "", live: false, open: null };

const oneOf = <T extends string>(options: readonly { value: T }[], raw: string | null, fallback: T): T =>
  options.find((o) => o.value === raw)?.value ?? fallback;

export function readLogsState(sp: { get(name: string): string | null }): LogsState {
  const open = sp.get("invocation");
  return {
    status: oneOf(STATUS_OPTIONS, sp.get("status"), DEFAULTS.status),
    since: oneOf(SINCE_OPTIONS, sp.get("since"), DEFAULTS.since),
    q: (sp.get("q") ?? "").slice(0, 200),
    live: sp.get("live") === "1",
    open: open && /^[0-9a-f-]{36}$/i.test(open) ? open : null,
  };
}

/** The new query string: `patch` applied, defaults left out so a plain tab link stays plain. */
export function writeLogsState(current: string, patch: Partial<LogsState>): string {
  const next = new URLSearchParams(current);
  const merged = { ...readLogsState(next), ...patch };
  const put = (key: string, value: string | null, dflt: string | null) =>
    value === null || value === dflt || value === "" ? next.delete(key) : next.set(key, value);
  put("status", merged.status, DEFAULTS.status);
  put("since", merged.since, DEFAULTS.since);
  put("q", merged.q.trim(), "");
  put("live", merged.live ? "1" : null, null);
  put("invocation", merged.open, null);
  return next.toString();
}

export const sinceMsOf = (since: SinceFilter): number | undefined => SINCE_OPTIONS.find((o) => o.value === since)?.ms;
export const statusParam = (s: StatusFilter): InvocationStatus | undefined => (s === "all" ? undefined : s);

const OUTCOMES: Record<InvocationStatus, readonly string[]> = {
  success: ["Success"],
  error: ["Error", "OutOfMemory", "Crash"],
  timeout: ["Timeout"],
  throttled: ["Throttled"],
};

/** The server's status filter, for search hits (the line search itself knows no outcomes). */
export function matchesStatus(outcome: string | undefined, status: StatusFilter): boolean {
  return status === "all" || (outcome !== undefined && OUTCOMES[status].includes(outcome));
}

/** The text cut around case-insensitive occurrences of `q`, for <mark>ing search hits. */
export function highlightParts(text: string, q: string): Array<{ text: string; hit: boolean }> {
  if (!q) return [{ text, hit: false }];
  const out: Array<{ text: string; hit: boolean }> = [];
  const lower = text.toLowerCase();
  const needle = q.toLowerCase();
  let at = 0;
  for (let i = lower.indexOf(needle); i !== -1; i = lower.indexOf(needle, i + needle.length)) {
    if (i > at) out.push({ text: text.slice(at, i), hit: false });
    out.push({ text: text.slice(i, i + needle.length), hit: true });
    at = i + needle.length;
  }
  if (at < text.length) out.push({ text: text.slice(at), hit: false });
  return out;
}

export type Tone = "success" | "error" | "warning" | "neutral";

/** The badge for an outcome; an error names its type, as the Lambda console does. */
export function statusBadge(inv: Pick<InvocationItem, "outcome" | "errorType">): { label: string; tone: Tone } {
  switch (inv.outcome) {
    case "Success":
      return { label: "Succeeded", tone: "success" };
    case "Timeout":
      return { label: "Timed out", tone: "warning" };
    case "Throttled":
      return { label: "Throttled", tone: "neutral" };
    default:
      return { label: inv.errorType ? `Failed (${inv.errorType})` : "Failed", tone: "error" };
  }
}

export interface MatchGroup {
  requestId: string;
  invocation: InvocationItem | null;
  lines: LogMatch[];
}

/** Search hits grouped by invocation, newest invocation first, each group's lines oldest first. */
export function groupMatches(
  pages: readonly { items: LogMatch[]; invocations: Record<string, InvocationItem> }[],
): MatchGroup[] {
  const groups = new Map<string, MatchGroup>();
  for (const page of pages) {
    for (const line of page.items) {
      let g = groups.get(line.requestId);
      if (!g) {
        g = { requestId: line.requestId, invocation: page.invocations[line.requestId] ?? null, lines: [] };
        groups.set(line.requestId, g);
      }
      g.lines.push(line);
    }
  }
  for (const g of groups.values()) g.lines.reverse();
  return [...groups.values()];
}

/** 14:03:07.123, with the date only when it is not today: a log table is read at millisecond resolution. */
export function formatTimeParts(iso: string, now = new Date()): { date: string | null; time: string } {
  const d = new Date(iso);
  const pad = (n: number, w = 2) => String(n).padStart(w, "0");
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
  return {
    date:
      d.toDateString() === now.toDateString()
        ? null
        : `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`,
    time,
  };
}

export function formatTime(iso: string, now = new Date()): string {
  const { date, time } = formatTimeParts(iso, now);
  return date ? `${date} ${time}` : time;
}
