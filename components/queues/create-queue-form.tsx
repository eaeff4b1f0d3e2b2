"use client";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Card } from "@/components/ui/states";
import { useToast } from "@/components/ui/toast";
import { ApiError } from "@/lib/http/client";
import type { QueueLimits, QueueSummaryJson } from "@/lib/queries/queues";
import { QueueSettingsFields } from "@/components/queues/queue-settings-fields";
import {
  NEW_QUEUE,
  queueFieldOfError,
  validateQueue,
  type QueueDraft,
  type QueueErrors,
} from "@/components/queues/queue-form";

const check = "flex items-center gap-2 text-sm text-slate-700 dark:text-slate-200";

/** The create-queue form: its own rules first, then the server's errors next to their field. */
export function CreateQueueForm({
  queues,
  limits,
  saving,
  onCreate,
  onCancel,
}: {
  queues: readonly QueueSummaryJson[];
  limits: QueueLimits;
  saving: boolean;
  onCreate: (draft: QueueDraft) => Promise<unknown>;
  onCancel: () => void;
}) {
  const toast = useToast();
  const [draft, setDraft] = useState<QueueDraft>(NEW_QUEUE);
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<QueueErrors>({});
  const names = queues.map((q) => q.name);
  const errors = { ...(submitted ? validateQueue(draft, limits, names) : {}), ...serverErrors };
  const set = (patch: Partial<QueueDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setServerErrors({});
  };
  const setFifo = (fifo: boolean) => {
    // The suffix follows the checkbox, so the usual mistake (a FIFO name without .fifo) is not made.
    const base = draft.name.replace(/\.fifo$/, "");
    set({ fifo, name: fifo && base ? `${base}.fifo` : base, deadLetterQueue: "", contentBasedDedup: false });
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    if (Object.keys(validateQueue(draft, limits, names)).length) return; // nothing is sent
    try {
      await onCreate(draft);
    } catch (err) {
      const msg = err instanceof ApiError ? err.message : "Could not create the queue";
      const field = queueFieldOfError(err instanceof ApiError ? err.field : undefined, msg);
      if (field) setServerErrors({ [field]: msg });
      toast("error", msg);
    }
  };
  const deadLetterOptions = queues.filter((q) => q.fifo === draft.fifo && q.name !== draft.name).map((q) => q.name);

  return (
    <Card title="Create queue">
      <form onSubmit={submit} noValidate aria-label="Create queue" className="space-y-4">
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          <Field
            label="Queue name"
            value={draft.name}
            onChange={(e) => set({ name: e.target.value })}
            error={errors.name}
            hint="Letters, digits, - and _, up to 80 characters; a FIFO queue's ends in .fifo."
            autoComplete="off"
            spellCheck={false}
          />
          <div className="flex flex-col justify-center gap-2 pt-5">
            <label className={check}>
              <input type="checkbox" checked={draft.fifo} onChange={(e) => setFifo(e.target.checked)} />
              FIFO queue (ordered, exactly once)
            </label>
            {draft.fifo ? (
              <label className={check}>
                <input
                  type="checkbox"
                  checked={draft.contentBasedDedup}
                  onChange={(e) => set({ contentBasedDedup: e.target.checked })}
                />
                Content-based deduplication
              </label>
            ) : null}
          </div>
        </div>
        <QueueSettingsFields
          wide
          draft={draft}
          set={set}
          errors={errors}
          limits={limits}
          deadLetterOptions={deadLetterOptions}
        />
        <div className="flex items-center gap-2">
          <Button type="submit" variant="primary" disabled={saving}>
            {saving ? "Creating…" : "Create queue"}
          </Button>
          <Button type="button" variant="ghost" onClick={onCancel}>
            Cancel
          </Button>
        </div>
      </form>
    </Card>
  );
}
