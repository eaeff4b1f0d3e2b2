"use client";
import { useId, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { Card } from "@/components/ui/states";
import { useToast } from "@/components/ui/toast";
import { ApiError } from "@/lib/http/client";
import type { QueueSummaryJson } from "@/lib/queries/queues";
import {
  MAX_BATCH_SIZE,
  MAX_WINDOW_SEC,
  NEW_TRIGGER,
  triggerFieldOfError,
  validateTrigger,
  WINDOWLESS_BATCH_MAX,
  type TriggerDraft,
  type TriggerErrors,
} from "@/components/event-sources/trigger-form";

const area =
  "w-full rounded-md border bg-white px-3 py-2 font-mono text-sm shadow-sm focus:outline-2 focus:outline-orange-500 " +
  "dark:bg-slate-900";

/** Adds an SQS trigger: Lambda's rules checked as the user saves, the server's answer next to its field. */
export function AddTriggerForm({
  queues,
  functionTimeoutSec,
  timeoutLabel = "this function's timeout",
  reportsFailures = "handler",
  saving,
  onSave,
  onCancel,
}: {
  queues: readonly QueueSummaryJson[];
  functionTimeoutSec: number;
  timeoutLabel?: string;
  /** What answers with batchItemFailures ("handler", "execution's output"); null: nothing can (a Standard state machine). */
  reportsFailures?: string | null;
  saving: boolean;
  onSave: (draft: TriggerDraft) => Promise<unknown>;
  onCancel: () => void;
}) {
  const toast = useToast();
  const filterId = useId();
  const [draft, setDraft] = useState<TriggerDraft>(() => ({ ...NEW_TRIGGER, queueName: queues[0]?.name ?? "" }));
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<TriggerErrors>({});
  const chosen = queues.find((q) => q.name === draft.queueName);
  const context = { visibilityTimeoutSec: chosen?.visibilityTimeoutSec, functionTimeoutSec, timeoutLabel };
  const errors = { ...(submitted ? validateTrigger(draft, context) : {}), ...serverErrors };
  const set = (patch: Partial<TriggerDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setServerErrors({});
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    if (Object.keys(validateTrigger(draft, context)).length) return; // nothing is sent
    try {
      await onSave(draft);
    } catch (err) {
      const msg = err instanceof ApiError ? err.message : "Could not add the trigger";
      const field = triggerFieldOfError(err instanceof ApiError ? err.field : undefined, msg);
      if (field) setServerErrors({ [field]: msg });
      toast("error", msg);
    }
  };

  return (
    <Card title="Add trigger">
      <form onSubmit={submit} noValidate aria-label="Add trigger" className="space-y-4">
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          <SelectField
            label="Queue"
            className="sm:col-span-2"
            value={draft.queueName}
            onChange={(e) => set({ queueName: e.target.value })}
            error={errors.queueName}
            hint={
              chosen
                ? `Visibility timeout ${chosen.visibilityTimeoutSec} s; ${timeoutLabel} ${functionTimeoutSec} s.`
                : "An SQS queue on this server."
            }
          >
            {queues.length === 0 ? <option value="">No queues yet</option> : null}
            {queues.map((q) => (
              <option key={q.id} value={q.name}>
                {q.name}
              </option>
            ))}
          </SelectField>
          <Field
            label="Batch size"
            type="number"
            min={1}
            max={MAX_BATCH_SIZE}
            value={draft.batchSize}
            onChange={(e) => set({ batchSize: e.target.value })}
            error={errors.batchSize}
            hint={`Records per call, 1 to ${MAX_BATCH_SIZE}.`}
          />
          <Field
            label="Batching window (seconds)"
            type="number"
            min={0}
            max={MAX_WINDOW_SEC}
            value={draft.windowSec}
            onChange={(e) => set({ windowSec: e.target.value })}
            error={errors.windowSec}
            hint={`How long to gather a batch, 0 to ${MAX_WINDOW_SEC}; at least 1 for batches over ${WINDOWLESS_BATCH_MAX}.`}
          />
          <Field
            label="Maximum concurrency"
            type="number"
            min={2}
            max={1000}
            value={draft.maxConcurrency}
            onChange={(e) => set({ maxConcurrency: e.target.value })}
            error={errors.maxConcurrency}
            placeholder="10"
            hint="Batches at once for this trigger across all servers, 2 to 1000 (empty: 10)."
          />
          {reportsFailures ? (
            <div className="flex items-start pt-7 sm:col-span-1 lg:col-span-3">
              <label className="flex items-start gap-2 text-sm text-slate-700 dark:text-slate-200">
                <input
                  type="checkbox"
                  className="mt-0.5"
                  checked={draft.reportBatchItemFailures}
                  onChange={(e) => set({ reportBatchItemFailures: e.target.checked })}
                />
                <span>
                  Report batch item failures
                  <span className="block text-xs text-slate-500 dark:text-slate-400">
                    The {reportsFailures} answers {"{ batchItemFailures: [{ itemIdentifier }] }"}; only those messages
                    come back.
                  </span>
                </span>
              </label>
            </div>
          ) : null}
        </div>
        <div>
          <label htmlFor={filterId} className="mb-1 block text-sm font-medium text-slate-700 dark:text-slate-200">
            Filter pattern <span className="font-normal text-slate-500">(optional)</span>
          </label>
          <textarea
            id={filterId}
            rows={3}
            value={draft.filterPattern}
            onChange={(e) => set({ filterPattern: e.target.value })}
            placeholder='{"body": {"kind": ["order"]}}'
            spellCheck={false}
            aria-invalid={errors.filterPattern ? true : undefined}
            aria-describedby={`${filterId}-note`}
            className={`${area} ${errors.filterPattern ? "border-red-500" : "border-slate-300 dark:border-slate-600"}`}
          />
          <p
            id={`${filterId}-note`}
            role={errors.filterPattern ? "alert" : undefined}
            className={
              errors.filterPattern
                ? "mt-1 text-sm text-red-600 dark:text-red-400"
                : "mt-1 text-xs text-slate-500 dark:text-slate-400"
            }
          >
            {errors.filterPattern ??
              "An event pattern: only matching messages reach the function; the rest are deleted, as on Lambda."}
          </p>
        </div>
        <div className="flex items-center gap-2">
          <Button type="submit" variant="primary" disabled={saving || queues.length === 0}>
            {saving ? "Adding…" : "Add trigger"}
          </Button>
          <Button type="button" variant="ghost" onClick={onCancel}>
            Cancel
          </Button>
        </div>
      </form>
    </Card>
  );
}
