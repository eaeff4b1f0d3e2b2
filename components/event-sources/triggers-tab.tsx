"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, ErrorState, Loading } from "@/components/ui/states";
import { useToast } from "@/components/ui/toast";
import { ApiError } from "@/lib/http/client";
import type { FunctionJson } from "@/lib/queries/functions";
import {
  useCreateMapping,
  useDeleteMapping,
  useFunctionTriggers,
  useUpdateMapping,
  type MappingJson,
} from "@/lib/queries/event-sources";
import { useQueueSummaries } from "@/lib/queries/queues";
import { AddTriggerForm } from "@/components/event-sources/add-trigger-form";
import { TriggerList } from "@/components/event-sources/trigger-list";
import { toMappingRequest, type TriggerDraft } from "@/components/event-sources/trigger-form";

/** The function page's Triggers tab: its event source mappings, the one container owning their queries. */
export function TriggersTab({ fn }: { fn: FunctionJson }) {
  const triggers = useFunctionTriggers(fn.name);
  const queues = useQueueSummaries();
  const create = useCreateMapping();
  const update = useUpdateMapping();
  const remove = useDeleteMapping();
  const toast = useToast();
  const [adding, setAdding] = useState(false);
  const fail = (err: unknown, fallback: string) => toast("error", err instanceof ApiError ? err.message : fallback);

  const onSave = async (draft: TriggerDraft) => {
    await create.mutateAsync(toMappingRequest(draft, fn.name));
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
        No triggers yet — add one to run this function on batches of messages from a queue.
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
          functionTimeoutSec={fn.timeoutSec}
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
