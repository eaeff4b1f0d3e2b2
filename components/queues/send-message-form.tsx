"use client";
import { useId, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Card } from "@/components/ui/states";
import { useToast } from "@/components/ui/toast";
import { ApiError } from "@/lib/http/client";
import type { QueueJson, SendMessageInput } from "@/lib/queries/queues";
import {
  EMPTY_MESSAGE,
  toMessageRequest,
  validateMessage,
  type MessageDraft,
  type MessageErrors,
} from "@/components/queues/message-form";

const area =
  "w-full rounded-md border bg-white px-3 py-2 font-mono text-sm shadow-sm focus:outline-2 focus:outline-orange-500 " +
  "dark:bg-slate-900";

/** Sends one message, under SendMessage's rules; the body is kept after sending, for sending again. */
export function SendMessageForm({
  queue,
  maxDelaySec,
  sending,
  onSend,
}: {
  queue: QueueJson;
  maxDelaySec: number;
  sending: boolean;
  onSend: (body: SendMessageInput) => Promise<unknown>;
}) {
  const toast = useToast();
  const bodyId = useId();
  const [draft, setDraft] = useState<MessageDraft>(EMPTY_MESSAGE);
  const [submitted, setSubmitted] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const errors: MessageErrors = {
    ...(submitted ? validateMessage(draft, queue, maxDelaySec) : {}),
    ...(serverError ? { body: serverError } : {}),
  };
  const set = (patch: Partial<MessageDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setServerError(null);
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    if (Object.keys(validateMessage(draft, queue, maxDelaySec)).length) return;
    try {
      await onSend(toMessageRequest(draft, queue.fifo));
      setSubmitted(false);
      // A FIFO queue drops a repeated deduplication id: a fresh one is needed for the next send.
      if (queue.fifo) set({ dedupId: "" });
    } catch (err) {
      const msg = err instanceof ApiError ? err.message : "Could not send the message";
      setServerError(msg);
      toast("error", msg);
    }
  };
  return (
    <Card title="Send message">
      <form onSubmit={submit} noValidate aria-label="Send message" className="space-y-3">
        <div>
          <label htmlFor={bodyId} className="mb-1 block text-sm font-medium text-slate-700 dark:text-slate-200">
            Message body
          </label>
          <textarea
            id={bodyId}
            rows={5}
            value={draft.body}
            onChange={(e) => set({ body: e.target.value })}
            placeholder='{"orderId": 42}'
            spellCheck={false}
            aria-invalid={errors.body ? true : undefined}
            aria-describedby={errors.body ? `${bodyId}-error` : undefined}
            className={`${area} ${errors.body ? "border-red-500" : "border-slate-300 dark:border-slate-600"}`}
          />
          {errors.body ? (
            <p id={`${bodyId}-error`} role="alert" className="mt-1 text-sm text-red-600 dark:text-red-400">
              {errors.body}
            </p>
          ) : null}
        </div>
        <div className="grid gap-3 sm:grid-cols-2">
          {queue.fifo ? (
            <>
              <Field
                label="Message group id"
                value={draft.groupId}
                onChange={(e) => set({ groupId: e.target.value })}
                error={errors.groupId}
                hint="Messages of one group are delivered in order."
                autoComplete="off"
              />
              <Field
                label="Deduplication id"
                value={draft.dedupId}
                onChange={(e) => set({ dedupId: e.target.value })}
                error={errors.dedupId}
                hint={
                  queue.contentBasedDedup
                    ? "Optional: the body's hash is used."
                    : "Required: no content-based deduplication."
                }
                autoComplete="off"
              />
            </>
          ) : (
            <Field
              label="Delay (seconds)"
              type="number"
              min={0}
              max={maxDelaySec}
              value={draft.delaySec}
              onChange={(e) => set({ delaySec: e.target.value })}
              error={errors.delaySec}
              placeholder={String(queue.delaySec)}
              hint={`Empty: the queue's delay (${queue.delaySec} s).`}
            />
          )}
        </div>
        <Button type="submit" variant="primary" disabled={sending}>
          {sending ? "Sending…" : "Send message"}
        </Button>
      </form>
    </Card>
  );
}
