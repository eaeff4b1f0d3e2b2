"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { ApiError } from "@/lib/http/client";
import { formatDateTime } from "@/lib/format";
import { type StateMachineJson, useUpdateStateMachine } from "@/lib/queries/state-machines";
import { DefinitionWorkbench } from "@/components/workflows/definition-workbench";
import { useDefinitionDraft } from "@/components/workflows/use-definition-draft";

/**
 * Definition: edit beside the graph and save (button or Ctrl/Cmd+S) with the revision it was
 * loaded at; if someone saved first the server says 412 and the edit is kept until a reload.
 */
export function DefinitionTab({ machine, onReload }: { machine: StateMachineJson; onReload: () => Promise<unknown> }) {
  const draft = useDefinitionDraft(machine.definition, machine.type);
  const update = useUpdateStateMachine(machine.name);
  const toast = useToast();
  const [base, setBase] = useState({ definition: machine.definition, revisionId: machine.revisionId });
  const [loads, setLoads] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const dirty = draft.text !== base.definition;

  const save = () => {
    if (!dirty || update.isPending) return;
    setError(null);
    update.mutate(
      { definition: draft.text, revisionId: base.revisionId },
      {
        onSuccess: (m) => {
          setBase({ definition: m.definition, revisionId: m.revisionId });
          setConflict(false);
          toast("success", "Definition saved: new executions use it");
        },
        onError: (err) => {
          const stale = err instanceof ApiError && err.status === 412;
          setConflict(stale);
          setError(
            stale
              ? "Someone saved this state machine after you opened it. Reload to get their version (your edit is replaced), or copy your change first."
              : err instanceof ApiError
                ? err.message
                : "Could not save: the server could not be reached.",
          );
        },
      },
    );
  };

  const reload = async () => {
    const next = (await onReload()) as { data?: StateMachineJson } | undefined;
    const m = next?.data ?? machine;
    setBase({ definition: m.definition, revisionId: m.revisionId });
    draft.setText(m.definition);
    setLoads((n) => n + 1);
    setConflict(false);
    setError(null);
  };

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-3">
        <span className="text-sm text-slate-500 dark:text-slate-400">
          Revision <code className="font-mono text-xs">{base.revisionId.slice(0, 8)}</code> · saved{" "}
          {formatDateTime(machine.updatedAt)}
        </span>
        {dirty ? (
          <span className="text-sm text-amber-700 dark:text-amber-400" aria-live="polite">
            ● Unsaved changes
          </span>
        ) : null}
        <div className="ml-auto flex items-center gap-2">
          {dirty ? (
            <Button
              variant="ghost"
              onClick={() => {
                draft.setText(base.definition);
                setLoads((n) => n + 1);
              }}
            >
              Discard changes
            </Button>
          ) : null}
          <Button
            variant="primary"
            onClick={save}
            disabled={!dirty || update.isPending || draft.valid === false}
            title={draft.valid === false ? "Fix the problems listed under the editor first" : "Save (Ctrl/Cmd+S)"}
          >
            {update.isPending ? "Saving…" : "Save"}
          </Button>
        </div>
      </div>
      {error ? (
        <div
          role="alert"
          data-testid="definition-save-error"
          className="flex flex-wrap items-center gap-3 rounded-md bg-red-50 p-3 text-sm text-red-800 dark:bg-red-950 dark:text-red-200"
        >
          <span>{error}</span>
          {conflict ? (
            <Button className="ml-auto" onClick={() => void reload()}>
              Reload
            </Button>
          ) : null}
        </div>
      ) : null}
      <DefinitionWorkbench
        draft={draft}
        editorKey={`${machine.name}-${loads}`}
        path={`file:///${machine.name}/definition.asl.json`}
        label={`Definition of ${machine.name}`}
        onSave={save}
      />
      <p className="text-xs text-slate-500 dark:text-slate-400">
        Ctrl/Cmd+S saves. Running executions keep the definition they started with.
      </p>
    </div>
  );
}
