"use client";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Card, ErrorState, Loading } from "@/components/ui/states";
import { useToast } from "@/components/ui/toast";
import { ApiError } from "@/lib/http/client";
import { useQueueMappings } from "@/lib/queries/event-sources";
import {
  ACTIVITY_HOURS,
  useDeleteQueue,
  usePurgeQueue,
  useQueue,
  useQueueActivity,
  useQueueSummaries,
  useSendMessage,
  useUpdateQueue,
  type ActivityHours,
  type QueueLimits,
} from "@/lib/queries/queues";
import { QueueActivityChart } from "@/components/queues/queue-activity-chart";
import { QueueBadges } from "@/components/queues/queue-badges";
import { QueueMappings } from "@/components/queues/queue-mappings";
import { QueueMessages } from "@/components/queues/queue-messages";
import { QueueSettingsCard } from "@/components/queues/queue-settings-card";
import { QueueStats } from "@/components/queues/queue-stats";
import { SendMessageForm } from "@/components/queues/send-message-form";
import { plural } from "@/components/queues/queue-format";
import { toSettingsRequest } from "@/components/queues/queue-form";

const hoursOf = (raw: string | null): ActivityHours =>
  ACTIVITY_HOURS.find((h) => String(h) === raw) ?? ACTIVITY_HOURS[0];

/** A queue's page: the one container that owns its queries and mutations; the chart's span is in the URL. */
export function QueueView({ name, limits }: { name: string; limits: QueueLimits }) {
  const queue = useQueue(name);
  const summaries = useQueueSummaries();
  const mappings = useQueueMappings(name);
  const params = useSearchParams();
  const pathname = usePathname();
  const router = useRouter();
  const hours = hoursOf(params.get("hours"));
  const activity = useQueueActivity(name, hours);
  const update = useUpdateQueue(name);
  const send = useSendMessage(name);
  const purge = usePurgeQueue(name);
  const remove = useDeleteQueue();
  const toast = useToast();

  const setHours = (h: ActivityHours) => {
    const p = new URLSearchParams(params.toString());
    p.set("hours", String(h));
    router.replace(`${pathname}?${p}`, { scroll: false });
  };

  if (queue.isPending) return <Loading label="Loading queue…" />;
  if (queue.isError)
    return (
      <div className="space-y-3">
        <ErrorState error={queue.error} />
        <Link href="/queues" className="text-sm underline">
          Back to queues
        </Link>
      </div>
    );
  const q = queue.data;
  const summary = summaries.data?.find((s) => s.name === name);
  const total = summary ? summary.visible + summary.inFlight + summary.delayed : 0;
  const fail = (err: unknown, fallback: string) => toast("error", err instanceof ApiError ? err.message : fallback);

  const onPurge = () => {
    if (!confirm(`Purge ${name}? All ${plural(total, "message")} in it are deleted. SQS allows one purge a minute.`))
      return;
    purge.mutate(undefined, {
      onSuccess: () => toast("success", `Purged ${name}`),
      onError: (err) => fail(err, "Could not purge the queue"),
    });
  };
  const onDelete = () => {
    const readers = mappings.data?.length
      ? ` ${plural(mappings.data.length, "trigger")} reading it will report it missing.`
      : "";
    if (!confirm(`Delete queue ${name} and its ${plural(total, "message")}?${readers}`)) return;
    remove.mutate(name, {
      onSuccess: () => {
        toast("success", `Deleted queue ${name}`);
        router.push("/queues");
      },
      onError: (err) => fail(err, "Could not delete the queue"),
    });
  };
  const deadLetterOptions = (summaries.data ?? [])
    .filter((s) => s.fifo === q.fifo && s.name !== name)
    .map((s) => s.name);

  return (
    <div className="space-y-4">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-500">
        <Link href="/queues" className="hover:underline">
          Queues
        </Link>{" "}
        / {name}
      </nav>
      <header className="flex flex-wrap items-start gap-4">
        <div className="space-y-1">
          <h1 className="text-2xl font-semibold">{name}</h1>
          <QueueBadges
            fifo={q.fifo}
            deadLetterFor={summary?.deadLetterFor ?? []}
            deadLetterQueue={q.redrive?.deadLetterQueue}
          />
        </div>
        <div className="ml-auto flex items-center gap-2">
          <Button onClick={onPurge} disabled={purge.isPending}>
            {purge.isPending ? "Purging…" : "Purge"}
          </Button>
          <Button variant="ghost" onClick={onDelete} disabled={remove.isPending}>
            Delete queue
          </Button>
        </div>
      </header>
      <QueueStats summary={summary} />
      <div className="grid gap-4 xl:grid-cols-2">
        <QueueSettingsCard
          queue={q}
          limits={limits}
          deadLetterOptions={deadLetterOptions}
          saving={update.isPending}
          onSave={async (draft) => {
            await update.mutateAsync(toSettingsRequest(draft));
            toast("success", "Settings saved");
          }}
        />
        <SendMessageForm
          queue={q}
          maxDelaySec={limits.maxDelaySec}
          sending={send.isPending}
          onSend={async (body) => {
            const sent = await send.mutateAsync(body);
            toast("success", `Sent message ${sent.messageId.slice(0, 8)}`);
          }}
        />
      </div>
      <QueueActivityChart
        points={activity.data}
        error={activity.error}
        hours={hours}
        onHours={setHours}
        onRetry={() => void activity.refetch()}
      />
      <QueueMessages name={name} deadLetterFor={summary?.deadLetterFor ?? []} />
      <Card title="Triggers">
        {mappings.isPending ? (
          <Loading label="Loading triggers…" />
        ) : mappings.isError ? (
          <ErrorState error={mappings.error} retry={() => void mappings.refetch()} />
        ) : (
          <QueueMappings mappings={mappings.data} />
        )}
      </Card>
    </div>
  );
}
