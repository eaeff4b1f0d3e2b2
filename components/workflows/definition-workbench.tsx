"use client";
import dynamic from "next/dynamic";
import { Loading } from "@/components/ui/states";
import { useIsDark } from "@/components/ui/theme-toggle";
import { DiagnosticsList } from "@/components/workflows/diagnostics-list";
import { StateGraph } from "@/components/workflows/state-graph";
import type { DefinitionDraft } from "@/components/workflows/use-definition-draft";

const DefinitionEditor = dynamic(() => import("@/components/workflows/definition-editor"), {
  ssr: false,
  loading: () => <Loading label="Loading editor…" />,
});

const HEIGHT = 560;

/** The definition's JSON beside its graph, which follows the text as you type; problems under the editor. */
export function DefinitionWorkbench({
  draft,
  editorKey,
  path,
  label,
  onSave,
}: {
  draft: DefinitionDraft;
  /** Changing it reloads the editor with draft.text (a template picked, a reload after a conflict). */
  editorKey: string | number;
  path: string;
  label: string;
  onSave?: () => void;
}) {
  const dark = useIsDark();
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <div className="min-w-0 space-y-2">
        <DefinitionEditor
          key={editorKey}
          value={draft.text}
          onChange={draft.setText}
          markers={draft.markers}
          path={path}
          label={label}
          height={HEIGHT}
          dark={dark}
          onSave={onSave}
        />
        <DiagnosticsList
          diagnostics={draft.diagnostics}
          valid={draft.valid}
          checking={draft.checking}
          error={draft.checkError}
        />
      </div>
      <div className="min-w-0 space-y-2">
        <StateGraph definition={draft.definition} height={HEIGHT} label="Graph of the definition" />
        {draft.graphStale ? (
          <p className="text-xs text-slate-500 dark:text-slate-400">
            The text is not JSON right now: the graph shows the last version that was.
          </p>
        ) : null}
      </div>
    </div>
  );
}
