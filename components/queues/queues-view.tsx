"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ErrorState, Loading } from "@/components/ui/states";
import { useToast } from "@/components/ui/toast";
import { COUNTS_REFRESH_MS, useCreateQueue, useQueueSummaries, type QueueLimits } from "@/lib/queries/queues";
import { CreateQueueForm } from "@/components/queues/create-queue-form";
import { QueuesTable } from "@/components/queues/queues-table";
import { toCreateRequest, type QueueDraft } from "@/components/queues/queue-form";

/** The Queues page: owns the list query and the create mutation; the pieces below only render. */
export function QueuesView({ limits }: { limits: QueueLimits }) {
  const list = useQueueSummaries();
  const create = useCreateQueue();
  const toast = useToast();
  const [creating, setCreating] = useState(false);

  const onCreate = async (draft: QueueDraft) => {
    const q = await create.mutateAsync(toCreateRequest(draft));
    toast("success", `Queue ${q.name} created`);
    setCreating(false);
  };

  const queues = list.data ?? [];
  return (
    <section className="space-y-4">
      <div className="flex flex-wrap items-center gap-4">
        <h1 className="text-2xl font-semibold">Queues</h1>
        <span className="text-sm text-slate-500 dark:text-slate-400">
          {list.data ? `${queues.length} total · counts refresh every ${COUNTS_REFRESH_MS / 1000} s` : ""}
        </span>
        <Button variant="primary" className="ml-auto" onClick={() => setCreating(true)} disabled={creating}>
          Create queue
        </Button>
      </div>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        SQS-compatible queues: send and receive with the AWS SDK or CLI pointed at this server, or feed a function
        through a trigger.
      </p>
      {creating && list.data ? (
        <CreateQueueForm
          queues={queues}
          limits={limits}
          saving={create.isPending}
          onCreate={onCreate}
          onCancel={() => setCreating(false)}
        />
      ) : null}
      {list.isPending ? (
        <Loading label="Loading queues…" />
      ) : list.isError ? (
        <ErrorState error={list.error} retry={() => void list.refetch()} />
      ) : queues.length === 0 ? (
        <div
          className={
            "rounded-lg border border-dashed border-slate-300 p-10 text-center text-sm text-slate-600 " +
            "dark:border-slate-700 dark:text-slate-300"
          }
        >
          No queues yet. Create one here, or with <code className="font-mono">aws sqs create-queue</code> against this
          server.
        </div>
      ) : (
        <QueuesTable queues={queues} />
      )}
    </section>
  );
}
