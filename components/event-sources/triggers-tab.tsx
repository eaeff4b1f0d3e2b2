"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, ErrorState, Loading } from "@/components/ui/states";
import { useToast } from "@/components/ui/toast";
import { ApiError } from "@/lib/http/client";
import {
  useCreateMapping,
  useDeleteMapping,
  useTriggers,
  useUpdateMapping,
  type MappingJson,
} from "@/lib/queries/event-sources";
import { useQueueSummaries } from "@/lib/queries/queues";
import { AddTriggerForm } from "@/components/event-sources/add-trigger-form";
import { TriggerList } from "@/components/event-sources/trigger-list";
import { toMappingRequest, type TriggerDraft } from "@/components/event-sources/trigger-form";

/** Whose triggers: a function, or a state machine (a mapping names it by its ARN). */
export type TriggerOwner =
  | { kind: "function"; name: string; timeoutSec: number }
  | { kind: "stateMachine"; name: string; arn: string; express: boolean };

/**
 * A function's or a state machine's Triggers tab: its event source mappings, the one container
 * owning their queries. An Express machine runs each batch while its messages are in flight (so
 * the queue's visibility timeout must cover its five minutes); a Standard one only starts.
 */
export function TriggersTab({ owner }: { owner: TriggerOwner }) {
  const triggers = useTriggers(owner);
  const fn = owner.kind === "function";
  const queues = useQueueSummaries();
  const create = useCreateMapping();
  const update = useUpdateMapping();
  const remove = useDeleteMapping();
  const toast = useToast();
  const [adding, setAdding] = useState(false);
  const fail = (err: unknown, fallback: string) => toast("error", err instanceof ApiError ? err.message : fallback);

  const onSave = async (draft: TriggerDraft) => {
    await create.mutateAsync(toMappingRequest(draft, fn ? owner.name : owner.arn));
    toast("success", `Trigger from ${draft.queueName} added`);
    setAdding(false);
  };
  const onToggle = (m: MappingJson) =>
    update.mutate(
      { id: m.id, enabled: !m.enabled },
      {
        onSuccess: (row) => toast("success", `Trigger from ${row.queueName} ${row.enabled ? "enabled" : "disabled"}`),
        onError: (err) => fail(err, "Could not change the trigger"),
      },
    );
  const onDelete = (m: MappingJson) => {
    if (!confirm(`Delete the trigger from ${m.queueName}? The queue keeps its messages.`)) return;
    remove.mutate(m.id, {
      onSuccess: () => toast("success", `Trigger from ${m.queueName} deleted`),
      onError: (err) => fail(err, "Could not delete the trigger"),
    });
  };

  let body: React.ReactNode;
  if (triggers.isPending) body = <Loading label="Loading triggers…" />;
  else if (triggers.isError) body = <ErrorState error={triggers.error} retry={() => void triggers.refetch()} />;
  else if (triggers.data.length === 0)
    body = (
      <div
        className={
          "rounded-lg border border-dashed border-slate-300 p-8 text-center text-sm text-slate-500 " +
          "dark:border-slate-700 dark:text-slate-400"
        }
      >
        {fn
          ? "No triggers yet — add one to run this function on batches of messages from a queue."
          : "No triggers yet — add one to start an execution for each batch of messages from a queue."}
      </div>
    );
  else
    body = (
      <TriggerList
        mappings={triggers.data}
        busyId={
          update.isPending ? (update.variables?.id ?? null) : remove.isPending ? (remove.variables ?? null) : null
        }
        onToggle={onToggle}
        onDelete={onDelete}
      />
    );

  return (
    <div className="space-y-4">
      {adding && queues.data ? (
        <AddTriggerForm
          queues={queues.data}
          functionTimeoutSec={fn ? owner.timeoutSec : owner.express ? 300 : 0}
          timeoutLabel={fn ? undefined : "an Express execution's limit"}
          reportsFailures={fn ? "handler" : owner.express ? "execution's output" : null}
          saving={create.isPending}
          onSave={onSave}
          onCancel={() => setAdding(false)}
        />
      ) : null}
      <Card
        title="Triggers"
        actions={
          <Button variant="primary" onClick={() => setAdding(true)} disabled={adding}>
            Add trigger
          </Button>
        }
      >
        {body}
      </Card>
    </div>
  );
}
