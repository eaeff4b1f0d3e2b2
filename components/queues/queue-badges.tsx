import Link from "next/link";
import { Badge } from "@/components/ui/badge";

const enc = encodeURIComponent;

/** FIFO, "DLQ of …" and "→ DLQ" badges: what a queue is, at a glance. */
export function QueueBadges({
  fifo,
  deadLetterFor,
  deadLetterQueue,
}: {
  fifo: boolean;
  deadLetterFor: readonly string[];
  deadLetterQueue?: string | null;
}) {
  if (!fifo && !deadLetterFor.length && !deadLetterQueue) return null;
  return (
    <span className="inline-flex flex-wrap items-center gap-1.5">
      {fifo ? <Badge tone="accent">FIFO</Badge> : null}
      {deadLetterFor.length ? (
        <Badge tone="warning" title={`Dead-letter queue of ${deadLetterFor.join(", ")}`}>
          DLQ of {deadLetterFor.join(", ")}
        </Badge>
      ) : null}
      {deadLetterQueue ? (
        <Link href={`/queues/${enc(deadLetterQueue)}`} title={`Dead letters go to ${deadLetterQueue}`}>
          <Badge tone="neutral">→ DLQ {deadLetterQueue}</Badge>
        </Link>
      ) : null}
    </span>
  );
}
