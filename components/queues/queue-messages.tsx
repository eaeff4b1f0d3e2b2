"use client";
import { Button } from "@/components/ui/button";
import { Card, ErrorState, Loading } from "@/components/ui/states";
import { useToast } from "@/components/ui/toast";
import { ApiError } from "@/lib/http/client";
import { useQueueMessages, useRedriveMessages, type PeekedMessage } from "@/lib/queries/queues";
import { MessagesTable } from "@/components/queues/messages-table";
import { plural } from "@/components/queues/queue-format";

/**
 * The peek at a queue's oldest messages, with redrive for a dead-letter queue: one named by
 * another queue's redrive policy, or holding messages that came from one.
 */
export function QueueMessages({ name, deadLetterFor }: { name: string; deadLetterFor: readonly string[] }) {
  const messages = useQueueMessages(name);
  const redrive = useRedriveMessages(name);
  const toast = useToast();
  const list = messages.data ?? [];
  const deadLetter = deadLetterFor.length > 0 || list.some((m) => m.sourceQueue);
  const redrivable = list.some((m) => m.sourceQueue);

  const run = (m?: PeekedMessage) =>
    redrive.mutate(m?.messageId, {
      onSuccess: (task) =>
        toast(
          "success",
          task.moved
            ? `Moved ${plural(task.moved, "message")} back to ${m?.sourceQueue ?? "their source queues"}`
            : "Nothing was moved: no message here came from another queue",
        ),
      onError: (err) => toast("error", err instanceof ApiError ? err.message : "Could not redrive"),
    });

  let body: React.ReactNode;
  if (messages.isPending) body = <Loading label="Loading messages…" />;
  else if (messages.isError) body = <ErrorState error={messages.error} retry={() => void messages.refetch()} />;
  else if (list.length === 0) body = <p className="text-sm text-slate-500 dark:text-slate-400">The queue is empty.</p>;
  else
    body = (
      <MessagesTable
        messages={list}
        deadLetter={deadLetter}
        redrivingId={redrive.isPending ? (redrive.variables ?? "all") : null}
        onRedrive={run}
      />
    );

  return (
    <Card
      title="Messages · oldest first"
      actions={
        <>
          <span className="text-xs text-slate-500 dark:text-slate-400">A look: nothing is received</span>
          {deadLetter ? (
            <Button onClick={() => run()} disabled={!redrivable || redrive.isPending}>
              {redrive.isPending && !redrive.variables ? "Redriving…" : "Redrive all"}
            </Button>
          ) : null}
        </>
      }
    >
      {body}
    </Card>
  );
}
