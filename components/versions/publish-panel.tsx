"use client";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";

export type PublishOutcome =
  | { kind: "created"; version: string }
  | { kind: "unchanged"; version: string }
  | { kind: "error"; message: string };

/**
 * Publish: an optional description and the button; says what publishing did. Presentational:
 * the tab owns the mutation and hands back its outcome.
 */
export function PublishPanel({
  latestPublishedAs,
  hasVersions,
  publishing,
  outcome,
  onPublish,
}: {
  latestPublishedAs: string | null;
  hasVersions: boolean;
  publishing: boolean;
  outcome: PublishOutcome | null;
  onPublish: (description: string) => Promise<boolean>;
}) {
  const [description, setDescription] = useState("");
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (await onPublish(description.trim())) setDescription("");
  };
  return (
    <form onSubmit={submit} className="space-y-3">
      <p className="text-sm text-slate-600 dark:text-slate-300">
        {latestPublishedAs
          ? `$LATEST is published as version ${latestPublishedAs}: publishing now creates nothing new.`
          : hasVersions
            ? "$LATEST has changes not yet published. Publishing freezes its code and configuration as a new version."
            : "No versions yet. Publishing freezes $LATEST's code and configuration as version 1."}
      </p>
      <div className="flex flex-wrap items-end gap-3">
        <Field
          label="Description (optional)"
          className="min-w-64 flex-1"
          value={description}
          maxLength={256}
          placeholder="What changed, e.g. “faster cold start”"
          onChange={(e) => setDescription(e.target.value)}
        />
        <Button type="submit" variant="primary" disabled={publishing}>
          {publishing ? "Publishing…" : "Publish version"}
        </Button>
      </div>
      {outcome?.kind === "created" ? (
        <p role="status" className="text-sm text-emerald-700 dark:text-emerald-400">
          Published version {outcome.version}.
        </p>
      ) : outcome?.kind === "unchanged" ? (
        <p role="status" className="text-sm text-slate-700 dark:text-slate-300">
          Nothing changed since version {outcome.version}: no new version was published.
        </p>
      ) : outcome?.kind === "error" ? (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
          {outcome.message}
        </p>
      ) : null}
    </form>
  );
}
