/** How an invocation's trigger reads in the list (pure): a queue batch names its queue and size. */
import type { InvocationItem } from "@/lib/queries/invocations";

export interface TriggerLabel {
  /** The first line: "SQS · 10 records", or the trigger as recorded ("console", "url", …). */
  text: string;
  /** The source under it (a queue's name), if any. */
  source: string | null;
  /** Everything in one line, for the tooltip and screen readers. */
  full: string;
}

export function triggerLabel(inv: Pick<InvocationItem, "trigger" | "eventSource">): TriggerLabel {
  if (!inv.eventSource) return { text: inv.trigger, source: null, full: inv.trigger };
  const { arn, batchSize } = inv.eventSource;
  const kind = arn.startsWith("arn:aws:sqs:") ? "SQS" : inv.trigger;
  const queue = arn.slice(arn.lastIndexOf(":") + 1);
  const records = batchSize === null ? null : `${batchSize} ${batchSize === 1 ? "record" : "records"}`;
  return {
    text: records ? `${kind} · ${records}` : kind,
    source: queue,
    full: [kind, queue, records].filter(Boolean).join(" · "),
  };
}
