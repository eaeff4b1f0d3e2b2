"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Card, ErrorState, Loading } from "@/components/ui/states";
import { useToast } from "@/components/ui/toast";
import {
  useAccessKeys,
  useCreateAccessKey,
  useDeleteAccessKey,
  useSetAccessKeyStatus,
  type AccessKeyJson,
} from "@/lib/queries/access-keys";
import { KeysTable } from "@/components/access-keys/keys-table";
import { NewKeyPanel } from "@/components/access-keys/new-key-panel";
import type { KeySnippetInput } from "@/components/access-keys/snippets";

/** The access keys page: owns the queries and mutations; the pieces below only render. */
export function AccessKeysView({ region }: { region: string }) {
  const keys = useAccessKeys();
  const create = useCreateAccessKey();
  const setStatus = useSetAccessKeyStatus();
  const remove = useDeleteAccessKey();
  const toast = useToast();
  const [description, setDescription] = useState("");
  const [created, setCreated] = useState<KeySnippetInput | null>(null);
  const busyId = setStatus.isPending
    ? (setStatus.variables?.id ?? null)
    : remove.isPending
      ? (remove.variables ?? null)
      : null;

  const onCreate = (e: React.FormEvent) => {
    e.preventDefault();
    create.mutate(description, {
      onSuccess: (r) => {
        setCreated({
          accessKeyId: r.key.accessKeyId,
          secretAccessKey: r.secretAccessKey,
          region,
          endpoint: window.location.origin,
        });
        setDescription("");
      },
      onError: (err) => toast("error", err.message),
    });
  };
  const onToggle = (k: AccessKeyJson) => {
    const status = k.status === "Active" ? "Inactive" : "Active";
    setStatus.mutate(
      { id: k.accessKeyId, status },
      {
        onSuccess: () => toast("success", `${k.accessKeyId} is now ${status.toLowerCase()}`),
        onError: (err) => toast("error", err.message),
      },
    );
  };
  const onDelete = (k: AccessKeyJson) => {
    if (!window.confirm(`Delete ${k.accessKeyId}? Clients signing with it will be refused at once.`)) return;
    remove.mutate(k.accessKeyId, {
      onSuccess: () => toast("success", `${k.accessKeyId} deleted`),
      onError: (err) => toast("error", err.message),
    });
  };

  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-xl font-semibold">Access keys</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Keys sign requests to the Lambda API (AWS Signature Version 4) from the AWS SDKs and CLI. Region:{" "}
          <code className="font-mono">{region}</code>.
        </p>
      </div>
      {created ? <NewKeyPanel created={created} onDone={() => setCreated(null)} /> : null}
      <Card title="Create an access key">
        <form onSubmit={onCreate} className="flex items-end gap-3">
          <Field
            label="Description"
            placeholder="e.g. CI deploys"
            value={description}
            maxLength={256}
            onChange={(e) => setDescription(e.target.value)}
            className="flex-1"
          />
          <Button type="submit" variant="primary" disabled={create.isPending}>
            {create.isPending ? "Creating…" : "Create access key"}
          </Button>
        </form>
      </Card>
      <Card title="Keys">
        {keys.isPending ? (
          <Loading />
        ) : keys.isError ? (
          <ErrorState error={keys.error} retry={() => keys.refetch()} />
        ) : (
          <KeysTable keys={keys.data} busyId={busyId} onToggle={onToggle} onDelete={onDelete} />
        )}
      </Card>
    </div>
  );
}
