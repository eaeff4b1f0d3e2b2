"use client";
import { useEffect, useId, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Card, ErrorState, Loading } from "@/components/ui/states";
import { useToast } from "@/components/ui/toast";
import { ApiError } from "@/lib/http/client";
import { formatDateTime } from "@/lib/format";
import {
  useDeadLetters,
  useEventInvokeConfig,
  usePutEventInvokeConfig,
  useRedrive,
  type DeadLetterJson,
  type EventInvokeConfigJson,
} from "@/lib/queries/async";
import {
  asyncFieldOfError,
  draftOfConfig,
  RETRY_OPTIONS,
  toAsyncRequest,
  validateAsync,
  type AsyncDraft,
  type AsyncErrors,
} from "@/components/functions/async-form";

/** Asynchronous invocation: retries, event age and destinations, and the dead-letter queue. */
export function AsyncSettings({ functionName }: { functionName: string }) {
  const config = useEventInvokeConfig(functionName);
  return (
    <div className="mt-4 grid gap-4 xl:grid-cols-2">
      <Card title="Asynchronous invocation">
        {config.isPending ? (
          <Loading label="Loading asynchronous settings…" />
        ) : config.isError ? (
          <ErrorState error={config.error} retry={() => void config.refetch()} />
        ) : (
          <AsyncForm key={config.data.updatedAt ?? "defaults"} functionName={functionName} config={config.data} />
        )}
      </Card>
      <DeadLetterQueue functionName={functionName} />
    </div>
  );
}

function AsyncForm({ functionName, config }: { functionName: string; config: EventInvokeConfigJson }) {
  const put = usePutEventInvokeConfig(functionName);
  const toast = useToast();
  const retryId = useId();
  const [draft, setDraft] = useState<AsyncDraft>(() => draftOfConfig(config));
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<AsyncErrors>({});
  const errors = { ...(submitted ? validateAsync(draft, functionName) : {}), ...serverErrors };
  const set = (patch: Partial<AsyncDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setServerErrors({});
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    if (Object.keys(validateAsync(draft, functionName)).length) return;
    put.mutate(toAsyncRequest(draft), {
      onSuccess: () => {
        toast("success", "Asynchronous invocation settings updated");
        setSubmitted(false);
      },
      onError: (err) => {
        const msg = err instanceof ApiError ? err.message : "Could not update the asynchronous settings";
        const field = asyncFieldOfError(err instanceof ApiError ? err.field : undefined, msg);
        if (field) setServerErrors({ [field]: msg });
        toast("error", msg);
      },
    });
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Asynchronous invocation" className="space-y-4">
      <p className="text-xs text-slate-500 dark:text-slate-400">
        For events sent with InvocationType Event and for schedules: how often a failed event is retried, how long it
        may wait, and where the result goes.
      </p>
      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          <label htmlFor={retryId} className="mb-1 block text-sm font-medium text-slate-700 dark:text-slate-200">
            Retry attempts
          </label>
          <select
            id={retryId}
            value={draft.maximumRetryAttempts}
            onChange={(e) => set({ maximumRetryAttempts: e.target.value })}
            aria-invalid={errors.maximumRetryAttempts ? true : undefined}
            className={
              "w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm " +
              "dark:border-slate-600 dark:bg-slate-900"
            }
          >
            {RETRY_OPTIONS.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
          {errors.maximumRetryAttempts ? (
            <p role="alert" className="mt-1 text-sm text-red-600 dark:text-red-400">
              {errors.maximumRetryAttempts}
            </p>
          ) : (
            <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">After the first attempt fails.</p>
          )}
        </div>
        <Field
          label="Maximum age of event (seconds)"
          type="number"
          min={60}
          max={21600}
          value={draft.maximumEventAgeSeconds}
          onChange={(e) => set({ maximumEventAgeSeconds: e.target.value })}
          error={errors.maximumEventAgeSeconds}
          hint="60 to 21600 (6 hours)."
        />
        <Field
          label="On-failure destination"
          value={draft.onFailureDestination}
          onChange={(e) => set({ onFailureDestination: e.target.value })}
          error={errors.onFailureDestination}
          placeholder="function name, or a function or queue ARN"
          hint="Optional: a function or a queue (arn:aws:sqs:…). Without one, failed events go to the dead-letter queue."
          autoComplete="off"
          spellCheck={false}
        />
        <Field
          label="On-success destination"
          value={draft.onSuccessDestination}
          onChange={(e) => set({ onSuccessDestination: e.target.value })}
          error={errors.onSuccessDestination}
          placeholder="function name, or a function or queue ARN"
          hint="Optional: a function or a queue (arn:aws:sqs:…) gets Lambda's destination record."
          autoComplete="off"
          spellCheck={false}
        />
      </div>
      <div className="flex items-center gap-3">
        {/* Not "Save": the Configuration form above already has a Save button on this page. */}
        <Button type="submit" variant="primary" disabled={put.isPending}>
          {put.isPending ? "Updating…" : "Update async settings"}
        </Button>
        <span className="text-xs text-slate-500 dark:text-slate-400">
          {config.updatedAt ? `Last changed ${formatDateTime(config.updatedAt)}` : "Using Lambda's defaults"}
        </span>
      </div>
    </form>
  );
}

const PAYLOAD = "mt-1 max-h-64 overflow-auto rounded bg-slate-100 p-2 font-mono text-xs dark:bg-slate-800";
const CONDITION_BADGE = "inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset";
const CONDITIONS: Record<string, { label: string; tone: string }> = {
  RetriesExhausted: {
    label: "RetriesExhausted",
    tone: "bg-red-50 text-red-800 ring-red-600/20 dark:bg-red-950 dark:text-red-300 dark:ring-red-400/30",
  },
  EventAgeExceeded: {
    label: "EventAgeExceeded",
    tone: "bg-amber-50 text-amber-800 ring-amber-600/20 dark:bg-amber-950 dark:text-amber-300 dark:ring-amber-400/30",
  },
};
const OTHER_TONE =
  "bg-slate-100 text-slate-700 ring-slate-500/20 dark:bg-slate-800 dark:text-slate-300 dark:ring-slate-400/30";

function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

function DeadLetterQueue({ functionName }: { functionName: string }) {
  const letters = useDeadLetters(functionName);
  const redrive = useRedrive(functionName);
  const toast = useToast();
  const [pendingId, setPendingId] = useState<string | null>(null);
  useEffect(() => {
    if (!redrive.isPending) setPendingId(null);
  }, [redrive.isPending]);

  const onRedrive = (d: DeadLetterJson) => {
    setPendingId(d.id);
    redrive.mutate(d.id, {
      onSuccess: ({ requestId }) => toast("success", `Redriven as request ${requestId}`),
      onError: (err) => toast("error", err instanceof ApiError ? err.message : "Could not redrive the event"),
    });
  };

  let body: React.ReactNode;
  if (letters.isPending) body = <Loading label="Loading dead letters…" />;
  else if (letters.isError) body = <ErrorState error={letters.error} retry={() => void letters.refetch()} />;
  else if (letters.data.length === 0)
    body = <p className="text-sm text-slate-500 dark:text-slate-400">No failed events.</p>;
  else
    body = (
      <ul className="divide-y divide-slate-100 dark:divide-slate-800" aria-label="Dead letters">
        {letters.data.map((d) => {
          const c = CONDITIONS[d.condition];
          return (
            <li key={d.id} className="py-3 first:pt-0 last:pb-0" data-testid="dead-letter">
              <div className="flex flex-wrap items-center gap-2">
                <time dateTime={d.createdAt} className="font-mono text-xs tabular-nums">
                  {formatDateTime(d.createdAt)}
                </time>
                <span className={`${CONDITION_BADGE} ${c?.tone ?? OTHER_TONE}`}>{c?.label ?? d.condition}</span>
                <span className="text-xs text-slate-500 dark:text-slate-400">
                  {d.attempts} {d.attempts === 1 ? "attempt" : "attempts"}
                </span>
                <span className="ml-auto">
                  {d.redrivenAt ? (
                    <span className="text-xs text-slate-500 dark:text-slate-400">
                      Redriven at {formatDateTime(d.redrivenAt)}
                    </span>
                  ) : (
                    <Button
                      onClick={() => onRedrive(d)}
                      disabled={pendingId === d.id}
                      aria-label={`Redrive event of request ${d.requestId}`}
                    >
                      {pendingId === d.id ? "Redriving…" : "Redrive"}
                    </Button>
                  )}
                </span>
              </div>
              {d.errorType || d.errorMessage ? (
                <p className="mt-1 text-sm break-words">
                  {d.errorType ? (
                    <span className="font-medium text-red-700 dark:text-red-400">{d.errorType}</span>
                  ) : null}
                  {d.errorType && d.errorMessage ? ": " : null}
                  {d.errorMessage}
                </p>
              ) : null}
              <details className="mt-1 text-sm">
                <summary className="cursor-pointer text-slate-600 dark:text-slate-300">
                  Event <span className="font-mono text-xs text-slate-500 dark:text-slate-400">{d.requestId}</span>
                </summary>
                <pre className={PAYLOAD}>{prettyJson(d.payload)}</pre>
              </details>
            </li>
          );
        })}
      </ul>
    );

  return (
    <Card
      title="Dead-letter queue"
      actions={
        <Button variant="ghost" onClick={() => void letters.refetch()} disabled={letters.isFetching}>
          {letters.isFetching ? "Refreshing…" : "Refresh"}
        </Button>
      }
    >
      {body}
    </Card>
  );
}
