"use client";
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/states";
import { useToast } from "@/components/ui/toast";
import { ApiError } from "@/lib/http/client";
import { formatDateTime } from "@/lib/format";
import type { QueueJson, QueueLimits } from "@/lib/queries/queues";
import { QueueSettingsFields } from "@/components/queues/queue-settings-fields";
import { formatBytes, formatDuration } from "@/components/queues/queue-format";
import {
  draftOfQueue,
  queueFieldOfError,
  validateQueue,
  type QueueDraft,
  type QueueErrors,
} from "@/components/queues/queue-form";

/** A queue's settings in words, with an Edit that turns the card into the form. */
export function QueueSettingsCard({
  queue,
  limits,
  deadLetterOptions,
  saving,
  onSave,
}: {
  queue: QueueJson;
  limits: QueueLimits;
  deadLetterOptions: readonly string[];
  saving: boolean;
  onSave: (draft: QueueDraft) => Promise<unknown>;
}) {
  const [editing, setEditing] = useState(false);
  return (
    <Card
      title="Settings"
      actions={
        editing ? null : (
          // Negative margins: the card's header keeps the height of its neighbour's, which has no button.
          <Button variant="ghost" className="-my-1.5" onClick={() => setEditing(true)}>
            Edit
          </Button>
        )
      }
    >
      {editing ? (
        <SettingsForm
          queue={queue}
          limits={limits}
          deadLetterOptions={deadLetterOptions}
          saving={saving}
          onSave={async (d) => {
            await onSave(d);
            setEditing(false);
          }}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <SettingsList queue={queue} />
      )}
    </Card>
  );
}

/** "45 s", or "3600 s (1 h)": the exact figure SQS's APIs use, and what it comes to. */
function secondsAndDuration(sec: number): string {
  const words = formatDuration(sec);
  return words === `${sec} s` ? words : `${sec} s (${words})`;
}

function SettingsList({ queue: q }: { queue: QueueJson }) {
  const rows: Array<[string, React.ReactNode]> = [
    ["Type", q.fifo ? `FIFO${q.contentBasedDedup ? ", content-based deduplication" : ""}` : "Standard"],
    ["Visibility timeout", secondsAndDuration(q.visibilityTimeoutSec)],
    ["Message retention", formatDuration(q.retentionSec)],
    ["Delivery delay", formatDuration(q.delaySec)],
    ["Receive wait", formatDuration(q.receiveWaitSec)],
    ["Maximum message size", formatBytes(q.maxMessageBytes)],
    [
      "Dead-letter queue",
      q.redrive ? (
        <>
          <Link
            href={`/queues/${encodeURIComponent(q.redrive.deadLetterQueue)}`}
            className="text-orange-700 hover:underline dark:text-orange-400"
          >
            {q.redrive.deadLetterQueue}
          </Link>{" "}
          after {q.redrive.maxReceiveCount} {q.redrive.maxReceiveCount === 1 ? "receive" : "receives"}
        </>
      ) : (
        "None"
      ),
    ],
    ["Created", formatDateTime(q.createdAt)],
  ];
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-2 text-sm">
      {rows.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="text-slate-500 dark:text-slate-400">{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

function SettingsForm({
  queue,
  limits,
  deadLetterOptions,
  saving,
  onSave,
  onCancel,
}: {
  queue: QueueJson;
  limits: QueueLimits;
  deadLetterOptions: readonly string[];
  saving: boolean;
  onSave: (draft: QueueDraft) => Promise<unknown>;
  onCancel: () => void;
}) {
  const toast = useToast();
  const [draft, setDraft] = useState<QueueDraft>(() => draftOfQueue(queue));
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<QueueErrors>({});
  const errors = { ...(submitted ? validateQueue(draft, limits) : {}), ...serverErrors };
  const set = (patch: Partial<QueueDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setServerErrors({});
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    if (Object.keys(validateQueue(draft, limits)).length) return; // nothing is saved
    try {
      await onSave(draft);
    } catch (err) {
      const msg = err instanceof ApiError ? err.message : "Could not save the settings";
      const field = queueFieldOfError(err instanceof ApiError ? err.field : undefined, msg);
      if (field) setServerErrors({ [field]: msg });
      toast("error", msg);
    }
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Queue settings" className="space-y-4">
      <QueueSettingsFields
        draft={draft}
        set={set}
        errors={errors}
        limits={limits}
        deadLetterOptions={deadLetterOptions}
      />
      {queue.fifo ? (
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={draft.contentBasedDedup}
            onChange={(e) => set({ contentBasedDedup: e.target.checked })}
          />
          Content-based deduplication
        </label>
      ) : null}
      <div className="flex items-center gap-2">
        <Button type="submit" variant="primary" disabled={saving}>
          {saving ? "Saving…" : "Save settings"}
        </Button>
        <Button type="button" variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
