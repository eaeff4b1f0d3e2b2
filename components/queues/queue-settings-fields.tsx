import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import type { QueueLimits } from "@/lib/queries/queues";
import { formatBytes, formatDuration } from "@/components/queues/queue-format";
import {
  MAX_MESSAGE_BYTES,
  MAX_RECEIVE_COUNT,
  MAX_RECEIVE_WAIT_SEC,
  MAX_RETENTION_SEC,
  MIN_MESSAGE_BYTES,
  MIN_RETENTION_SEC,
  type QueueDraft,
  type QueueErrors,
} from "@/components/queues/queue-form";

/** What a number of seconds or bytes comes to, beside its range: the field takes SQS's units. */
const reads = (value: string, fmt: (n: number) => string) => (/^\d+$/.test(value) ? ` Now ${fmt(+value)}.` : "");

/**
 * The settings a queue has, for the create form and the settings editor alike. The dead-letter
 * queue is chosen among queues of the same kind (SQS refuses a FIFO queue's standard DLQ).
 */
export function QueueSettingsFields({
  draft,
  set,
  errors,
  limits,
  deadLetterOptions,
  wide = false,
}: {
  /** Three columns from 1024 px (a full-width card); two otherwise. */
  wide?: boolean;
  draft: QueueDraft;
  set: (patch: Partial<QueueDraft>) => void;
  errors: QueueErrors;
  limits: QueueLimits;
  deadLetterOptions: readonly string[];
}) {
  const number = (key: (keyof QueueDraft & `${string}Sec`) | "maxMessageBytes") => ({
    type: "number",
    inputMode: "numeric" as const,
    value: draft[key],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => set({ [key]: e.target.value }),
    error: errors[key],
  });
  return (
    <div className={`grid gap-4 sm:grid-cols-2 ${wide ? "lg:grid-cols-3" : ""}`}>
      <Field
        label="Visibility timeout (seconds)"
        min={0}
        max={limits.maxVisibilitySec}
        {...number("visibilityTimeoutSec")}
        hint={`How long a received message stays hidden. 0 to ${formatDuration(limits.maxVisibilitySec)}.${reads(draft.visibilityTimeoutSec, formatDuration)}`}
      />
      <Field
        label="Message retention (seconds)"
        min={MIN_RETENTION_SEC}
        max={MAX_RETENTION_SEC}
        {...number("retentionSec")}
        hint={`1 minute to 14 days.${reads(draft.retentionSec, formatDuration)}`}
      />
      <Field
        label="Delivery delay (seconds)"
        min={0}
        max={limits.maxDelaySec}
        {...number("delaySec")}
        hint={`New messages wait this long. 0 to ${formatDuration(limits.maxDelaySec)}.`}
      />
      <Field
        label="Receive wait (seconds)"
        min={0}
        max={MAX_RECEIVE_WAIT_SEC}
        {...number("receiveWaitSec")}
        hint="Long polling for receives that ask for none. 0 to 20."
      />
      <Field
        label="Maximum message size (bytes)"
        min={MIN_MESSAGE_BYTES}
        max={MAX_MESSAGE_BYTES}
        {...number("maxMessageBytes")}
        hint={`1 KiB to 1 MiB.${reads(draft.maxMessageBytes, formatBytes)}`}
      />
      {/* The dead-letter pair starts a row of its own. */}
      <div className={wide ? "hidden lg:block" : "hidden sm:block"} aria-hidden />
      <SelectField
        label="Dead-letter queue"
        value={draft.deadLetterQueue}
        onChange={(e) => set({ deadLetterQueue: e.target.value })}
        error={errors.deadLetterQueue}
        hint={
          deadLetterOptions.length
            ? "Messages received too often move there."
            : `No other ${draft.fifo ? "FIFO" : "standard"} queue to choose yet.`
        }
      >
        <option value="">None</option>
        {deadLetterOptions.map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </SelectField>
      {draft.deadLetterQueue ? (
        <Field
          label="Maximum receives"
          type="number"
          inputMode="numeric"
          min={1}
          max={MAX_RECEIVE_COUNT}
          value={draft.maxReceiveCount}
          onChange={(e) => set({ maxReceiveCount: e.target.value })}
          error={errors.maxReceiveCount}
          hint="Receives before a message moves to the dead-letter queue. 1 to 1000."
        />
      ) : null}
    </div>
  );
}
