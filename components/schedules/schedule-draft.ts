/** The schedule form's rules (mirrored from the API so mistakes show before saving) and helpers (pure). */
import type { ScheduleInput, ScheduleJson } from "@/lib/queries/schedules";

export interface ScheduleDraft {
  name: string;
  expression: string;
  timeZone: string;
  description: string;
  /** Fixed input as JSON text; empty sends EventBridge's Scheduled Event. */
  input: string;
  maximumEventAgeSeconds: string;
  enabled: boolean;
}

export type ScheduleField = keyof ScheduleDraft;
export type ScheduleErrors = Partial<Record<ScheduleField, string>>;

export const MIN_EVENT_AGE_SECONDS = 60;
export const MAX_EVENT_AGE_SECONDS = 86_400;

export function emptyDraft(timeZone: string): ScheduleDraft {
  return {
    name: "",
    expression: "",
    timeZone,
    description: "",
    input: "",
    maximumEventAgeSeconds: "3600",
    enabled: true,
  };
}

export function draftOf(s: ScheduleJson): ScheduleDraft {
  return {
    name: s.name,
    expression: s.expression,
    timeZone: s.timeZone,
    description: s.description,
    input: s.input ?? "",
    maximumEventAgeSeconds: String(s.maximumEventAgeSeconds),
    enabled: s.enabled,
  };
}

/** The expression's own syntax is checked by the server's preview as the user types; here only what is local. */
export function validateSchedule(d: ScheduleDraft): ScheduleErrors {
  const e: ScheduleErrors = {};
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(d.name)) e.name = "Schedule name must be 1–64 letters, digits, '.', '-' or '_'";
  if (d.expression === "") e.expression = "Enter a schedule expression, or pick a preset";
  if (d.timeZone.trim() === "") e.timeZone = "Enter a time zone, such as UTC or Europe/Berlin";
  if (d.description.length > 512) e.description = "Description must be at most 512 characters";
  const input = inputProblem(d.input);
  if (input) e.input = input;
  const age = d.maximumEventAgeSeconds.trim();
  if (!/^\d+$/.test(age) || +age < MIN_EVENT_AGE_SECONDS || +age > MAX_EVENT_AGE_SECONDS)
    e.maximumEventAgeSeconds =
      "Maximum event age must be between " + `${MIN_EVENT_AGE_SECONDS} and ${MAX_EVENT_AGE_SECONDS} seconds`;
  return e;
}

/** Why the fixed input is not JSON; null when it is, or when it is empty. */
export function inputProblem(text: string): string | null {
  if (text.trim() === "") return null;
  try {
    JSON.parse(text);
    return null;
  } catch (err) {
    return `Input must be valid JSON: ${(err as Error).message}`;
  }
}

/** The POST/PATCH body for a valid draft. */
export function toScheduleRequest(d: ScheduleDraft): ScheduleInput {
  return {
    name: d.name,
    expression: d.expression,
    timeZone: d.timeZone.trim(),
    description: d.description,
    input: d.input.trim() === "" ? null : d.input,
    maximumEventAgeSeconds: Number(d.maximumEventAgeSeconds.trim()),
    enabled: d.enabled,
  };
}

const FIELDS: readonly ScheduleField[] = [
  "name",
  "expression",
  "timeZone",
  "description",
  "input",
  "maximumEventAgeSeconds",
  "enabled",
];

/** Which field a server error belongs next to (ApiError.field, or a name clash); null: show it as a toast only. */
export function fieldOfError(field: string | undefined, message: string): ScheduleField | null {
  if (field && (FIELDS as readonly string[]).includes(field)) return field as ScheduleField;
  if (/already exists/i.test(message)) return "name";
  return null;
}

/**
 * The expression split around the character at `position`, for highlighting. A position at the
 * end (a missing ')') marks an empty slot after the text; null when there is nothing to mark.
 */
export function splitAtPosition(
  expression: string,
  position: number | null,
): { before: string; at: string; after: string } | null {
  if (position === null || !Number.isInteger(position) || position < 0 || position > expression.length) return null;
  return {
    before: expression.slice(0, position),
    at: expression.slice(position, position + 1),
    after: expression.slice(position + 1),
  };
}

/**
 * The next time a saved schedule fires, from its preview (computed from now). A rate counts from
 * the schedule's start, not from now, so its slots are re-aligned to `startAt` using the
 * period the preview shows. Null when disabled or nothing is left to fire.
 */
export function nextFireOf(
  s: Pick<ScheduleJson, "expression" | "enabled" | "startAt">,
  next: readonly string[] | undefined,
  now: number = Date.now(),
): string | null {
  if (!s.enabled || !next) return null;
  if (s.expression.startsWith("rate(") && next.length >= 2) {
    const period = Date.parse(next[1]!) - Date.parse(next[0]!);
    const start = Date.parse(s.startAt);
    if (period > 0 && Number.isFinite(start)) {
      const k = Math.max(0, Math.ceil((now - start) / period));
      const t = start + k * period;
      return new Date(t > now || k === 0 ? t : t + period).toISOString();
    }
  }
  return next.find((t) => Date.parse(t) > now) ?? null;
}
