"use client";
import { useId, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Card } from "@/components/ui/states";
import { useToast } from "@/components/ui/toast";
import { ApiError } from "@/lib/http/client";
import { useSchedulePreview, type ScheduleInput, type ScheduleJson } from "@/lib/queries/schedules";
import { ExpressionField, type ExpressionProblem } from "@/components/schedules/expression-field";
import { FirePreview } from "@/components/schedules/fire-preview";
import { timeZoneOptions } from "@/components/schedules/presets";
import {
  draftOf,
  emptyDraft,
  fieldOfError,
  inputProblem,
  toScheduleRequest,
  validateSchedule,
  type ScheduleDraft,
  type ScheduleErrors,
} from "@/components/schedules/schedule-draft";
import { useDebouncedValue } from "@/components/ui/use-time";

export const PREVIEW_DEBOUNCE_MS = 250;

/**
 * Create or edit one schedule. The expression and zone are checked by the server's preview as
 * the user types (one implementation for the check, the preview and the firing); the rest is
 * checked locally on Save, and the server's answer lands next to its field.
 */
export function ScheduleEditor({
  initial,
  defaultTimeZone,
  saving,
  onSave,
  onCancel,
}: {
  initial: ScheduleJson | null;
  defaultTimeZone: string;
  saving: boolean;
  onSave: (body: ScheduleInput) => Promise<unknown>;
  onCancel: () => void;
}) {
  const toast = useToast();
  const zonesId = useId();
  const [draft, setDraft] = useState<ScheduleDraft>(() => (initial ? draftOf(initial) : emptyDraft(defaultTimeZone)));
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<ScheduleErrors>({});
  const set = (patch: Partial<ScheduleDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setServerErrors((e) => {
      const next = { ...e };
      for (const k of Object.keys(patch) as Array<keyof ScheduleDraft>) delete next[k];
      return next;
    });
  };

  const expression = useDebouncedValue(draft.expression, PREVIEW_DEBOUNCE_MS);
  const zone = useDebouncedValue(draft.timeZone.trim(), PREVIEW_DEBOUNCE_MS);
  const preview = useSchedulePreview(expression, zone);
  const typing = expression !== draft.expression || zone !== draft.timeZone.trim();
  const checking = typing || preview.isPlaceholderData || preview.isFetching;
  const result = draft.expression === "" ? undefined : preview.data;
  const problem = result && !result.ok ? result : null;

  const local = submitted ? validateSchedule(draft) : {};
  const exprProblem: ExpressionProblem | null = serverErrors.expression
    ? { message: serverErrors.expression, position: null }
    : problem?.field === "expression"
      ? { message: problem.message, position: problem.position }
      : local.expression
        ? { message: local.expression, position: null }
        : null;
  const zoneError = serverErrors.timeZone ?? (problem?.field === "timeZone" ? problem.message : local.timeZone);
  const liveInputError = inputProblem(draft.input);
  const err = (k: Exclude<keyof ScheduleDraft, "expression" | "timeZone">) => serverErrors[k] ?? local[k];

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    if (Object.keys(validateSchedule(draft)).length) return;
    // The preview already says this expression is wrong, and for exactly what is typed now.
    if (problem && !checking) return;
    try {
      await onSave(toScheduleRequest(draft));
    } catch (error) {
      const msg = error instanceof ApiError ? error.message : "Could not save the schedule";
      const field = fieldOfError(error instanceof ApiError ? error.field : undefined, msg);
      if (field) setServerErrors({ [field]: msg });
      toast("error", msg);
    }
  };

  return (
    <Card title={initial ? `Edit schedule ${initial.name}` : "New schedule"}>
      <form
        onSubmit={submit}
        noValidate
        aria-label={initial ? `Edit schedule ${initial.name}` : "New schedule"}
        className="grid gap-6 lg:grid-cols-5"
      >
        <div className="space-y-4 lg:col-span-3">
          <div className="grid gap-4 sm:grid-cols-2">
            <Field
              label="Schedule name"
              value={draft.name}
              onChange={(e) => set({ name: e.target.value })}
              error={err("name")}
              hint="Letters, digits, '.', '-' and '_'; unique among schedules."
              autoComplete="off"
            />
            <Field
              label="Time zone"
              value={draft.timeZone}
              onChange={(e) => set({ timeZone: e.target.value })}
              error={zoneError}
              list={zonesId}
              hint="IANA name; cron and at() times are read in it."
              autoComplete="off"
              spellCheck={false}
            />
            <datalist id={zonesId}>
              {timeZoneOptions(defaultTimeZone).map((z) => (
                <option key={z} value={z} />
              ))}
            </datalist>
          </div>
          <ExpressionField
            value={draft.expression}
            onChange={(expression) => set({ expression })}
            timeZone={draft.timeZone.trim()}
            problem={exprProblem}
            checking={checking && draft.expression !== ""}
          />
          <Field
            label="Description"
            value={draft.description}
            onChange={(e) => set({ description: e.target.value })}
            error={err("description")}
          />
          <InputField value={draft.input} onChange={(input) => set({ input })} error={err("input") ?? liveInputError} />
          <div className="grid items-start gap-4 sm:grid-cols-2">
            <Field
              label="Maximum event age (seconds)"
              type="number"
              min={60}
              max={86400}
              value={draft.maximumEventAgeSeconds}
              onChange={(e) => set({ maximumEventAgeSeconds: e.target.value })}
              error={err("maximumEventAgeSeconds")}
              hint="60 to 86400. A fire later than this (no server was up) is recorded as missed."
            />
            <label className="mt-7 inline-flex items-center gap-2 text-sm font-medium">
              <input
                type="checkbox"
                checked={draft.enabled}
                onChange={(e) => set({ enabled: e.target.checked })}
                className="h-4 w-4 accent-orange-600"
              />
              Enabled
            </label>
          </div>
          <div className="flex gap-2">
            <Button type="submit" variant="primary" disabled={saving}>
              {saving ? "Saving…" : "Save"}
            </Button>
            <Button type="button" variant="ghost" onClick={onCancel}>
              Cancel
            </Button>
          </div>
        </div>
        <div className="lg:col-span-2">
          <FirePreview
            preview={result}
            timeZone={zone || "UTC"}
            checking={checking && draft.expression !== ""}
            expression={result ? expression : draft.expression}
          />
        </div>
      </form>
    </Card>
  );
}

const jsonInput =
  "w-full rounded-md border bg-white px-3 py-1.5 font-mono text-sm text-slate-900 shadow-sm " +
  "focus:outline-2 focus:outline-orange-500 dark:bg-slate-900 dark:text-slate-100";
const noteError = "text-sm text-red-600 dark:text-red-400";
const noteHint = "text-xs text-slate-500 dark:text-slate-400";

/** Optional fixed input: JSON text in a plain textarea, checked as it is typed. */
function InputField({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (v: string) => void;
  error: string | null | undefined;
}) {
  const id = useId();
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-slate-700 dark:text-slate-200">
        Fixed input (JSON, optional)
      </label>
      <textarea
        id={id}
        rows={4}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        spellCheck={false}
        placeholder='{"report": "daily"}'
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-note`}
        className={`${jsonInput} ${error ? "border-red-500" : "border-slate-300 dark:border-slate-600"}`}
      />
      <p id={`${id}-note`} aria-live="polite" className={`mt-1 ${error ? noteError : noteHint}`}>
        {error ??
          "Empty: the target receives EventBridge's Scheduled Event " +
            '(source aws.events, detail-type "Scheduled Event").'}
      </p>
    </div>
  );
}
