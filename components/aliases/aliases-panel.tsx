"use client";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Card, ErrorState, Loading } from "@/components/ui/states";
import { useToast } from "@/components/ui/toast";
import { ApiError } from "@/lib/http/client";
import {
  useAliases,
  useCancelRollout,
  useCreateAlias,
  useDeleteAlias,
  useRollbackAlias,
  useRollouts,
  type AliasJson,
} from "@/lib/queries/aliases";
import { AliasEditor } from "@/components/aliases/alias-editor";
import { RolloutForm } from "@/components/aliases/rollout-form";
import { RolloutCard } from "@/components/aliases/rollout-card";
import { VersionSelect, type VersionOption } from "@/components/aliases/version-select";

type Mode = { alias: string; kind: "edit" | "rollout" } | null;

const order = (v: string) => (v === "$LATEST" ? Number.NEGATIVE_INFINITY : -Number(v));

/**
 * The function's aliases: where each points (and the split, if any), with edit (version and a
 * weight slider), one-click rollback, rollouts with their live progress and decisions, delete,
 * and a form for a new alias. The rollout history follows.
 */
export function AliasesPanel({ functionName, versions: given }: { functionName: string; versions: VersionOption[] }) {
  // $LATEST first, then the newest published version first: the order every select here shows.
  const versions = [...given].sort((a, b) => order(a.version) - order(b.version));
  const aliases = useAliases(functionName);
  const running = aliases.data?.items.some((a) => a.rollout) ?? false;
  const rollouts = useRollouts(functionName, running);
  const refetchRollouts = rollouts.refetch;
  const wasRunning = useRef(running);
  // A rollout that ended (promoted, rolled back) leaves the aliases' list: read the history anew
  // then, or its last poll (taken while it ran) would keep it out of "Recent rollouts".
  useEffect(() => {
    if (wasRunning.current && !running) void refetchRollouts();
    wasRunning.current = running;
  }, [running, refetchRollouts]);
  const [mode, setMode] = useState<Mode>(null);
  const past = (rollouts.data?.items ?? []).filter((r) => r.state !== "running").slice(0, 5);
  return (
    <Card title="Aliases">
      {aliases.isPending ? (
        <Loading label="Loading aliases…" />
      ) : aliases.isError ? (
        <ErrorState error={aliases.error} retry={() => void aliases.refetch()} />
      ) : (
        <div className="space-y-4">
          {aliases.data.items.length === 0 ? (
            <p className="text-sm text-slate-500 dark:text-slate-400">
              No aliases yet. An alias is a stable name (like <code>prod</code>) that callers invoke; point it at a
              version, split its traffic, or roll a new version out behind it.
            </p>
          ) : (
            <ul className="space-y-3">
              {aliases.data.items.map((a) => (
                <AliasItem
                  key={a.name}
                  functionName={functionName}
                  alias={a}
                  versions={versions}
                  mode={mode?.alias === a.name ? mode.kind : null}
                  setMode={(kind) => setMode(kind ? { alias: a.name, kind } : null)}
                />
              ))}
            </ul>
          )}
          <NewAliasForm functionName={functionName} versions={versions} />
          {past.length ? (
            <div className="space-y-2">
              <h3 className="text-sm font-semibold text-slate-700 dark:text-slate-200">Recent rollouts</h3>
              {past.map((r) => (
                <RolloutCard key={r.id} rollout={r} />
              ))}
            </div>
          ) : null}
        </div>
      )}
    </Card>
  );
}

function AliasItem({
  functionName,
  alias: a,
  versions,
  mode,
  setMode,
}: {
  functionName: string;
  alias: AliasJson;
  versions: VersionOption[];
  mode: "edit" | "rollout" | null;
  setMode: (kind: "edit" | "rollout" | null) => void;
}) {
  const rollback = useRollbackAlias(functionName);
  const remove = useDeleteAlias(functionName);
  const cancel = useCancelRollout(functionName);
  const toast = useToast();
  const fail = (err: unknown) => toast("error", err instanceof ApiError ? err.message : String(err));
  const split = a.routing;
  return (
    <li className="rounded-md border border-slate-200 p-3 dark:border-slate-700" aria-label={`Alias ${a.name}`}>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
        <span className="font-mono text-sm font-semibold">{a.name}</span>
        <span className="text-sm">
          → {a.functionVersion === "$LATEST" ? "$LATEST" : `version ${a.functionVersion}`}
          {split ? (
            <span className="text-slate-600 dark:text-slate-300">
              {" "}
              ({Math.round((1 - split.weight) * 100)}%) + version {split.additionalVersion} (
              {Math.round(split.weight * 100)}%)
            </span>
          ) : null}
        </span>
        {a.description ? <span className="text-xs text-slate-500 dark:text-slate-400">{a.description}</span> : null}
        <div className="ml-auto flex flex-wrap gap-1">
          <Button variant="ghost" onClick={() => setMode(mode === "edit" ? null : "edit")} disabled={!!a.rollout}>
            Edit
          </Button>
          <Button
            variant="ghost"
            onClick={() => setMode(mode === "rollout" ? null : "rollout")}
            disabled={!!a.rollout || a.functionVersion === "$LATEST"}
            title={a.functionVersion === "$LATEST" ? "Rollouts move an alias between published versions" : undefined}
          >
            Roll out…
          </Button>
          <Button
            variant="ghost"
            disabled={rollback.isPending}
            onClick={() =>
              rollback.mutate(a.name, {
                onSuccess: (r) => toast("success", `${a.name} now points at version ${r.functionVersion}`),
                onError: fail,
              })
            }
          >
            Roll back
          </Button>
          <Button
            variant="ghost"
            className="text-red-600 dark:text-red-400"
            onClick={() => {
              if (window.confirm(`Delete alias ${a.name}? Callers that invoke it will get "not found".`))
                remove.mutate(a.name, { onSuccess: () => toast("success", `Alias ${a.name} deleted`), onError: fail });
            }}
          >
            Delete
          </Button>
        </div>
      </div>
      {a.rollout ? (
        <div className="mt-3">
          <RolloutCard rollout={a.rollout} onCancel={() => cancel.mutate(a.rollout!.id, { onError: fail })} />
        </div>
      ) : null}
      {mode === "edit" ? (
        <div className="mt-3">
          <AliasEditor functionName={functionName} alias={a} versions={versions} onDone={() => setMode(null)} />
        </div>
      ) : mode === "rollout" ? (
        <div className="mt-3">
          <RolloutForm functionName={functionName} alias={a} versions={versions} onDone={() => setMode(null)} />
        </div>
      ) : null}
    </li>
  );
}

function NewAliasForm({ functionName, versions }: { functionName: string; versions: VersionOption[] }) {
  const [name, setName] = useState("");
  const [version, setVersion] = useState(versions.find((v) => v.version !== "$LATEST")?.version ?? "$LATEST");
  const [error, setError] = useState<string | null>(null);
  const create = useCreateAlias(functionName);
  const toast = useToast();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    create.mutate(
      { name: name.trim(), functionVersion: version },
      {
        onSuccess: () => {
          toast("success", `Alias ${name.trim()} created`);
          setName("");
        },
        onError: (err) => setError(err instanceof ApiError ? err.message : String(err)),
      },
    );
  };
  return (
    <form onSubmit={submit} aria-label="Create an alias" className="flex flex-wrap items-end gap-3">
      <Field
        label="New alias"
        placeholder="prod"
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={error}
        className="w-48"
      />
      <div className="w-56">
        <VersionSelect label="Points at" value={version} onChange={setVersion} versions={versions} />
      </div>
      <Button type="submit" variant="primary" disabled={!name.trim() || create.isPending}>
        {create.isPending ? "Creating…" : "Create alias"}
      </Button>
    </form>
  );
}
