"use client";
/**
 * The definition's JSON in Monaco (bundled, no CDN) with the server's diagnostics as error
 * markers on their lines. Import it through next/dynamic with ssr: false — Monaco needs a browser.
 * Uncontrolled like the code editor: to replace the text from outside, remount it with a new key.
 */
import Editor, { type Monaco, type OnMount } from "@monaco-editor/react";
import { useEffect, useRef } from "react";
import { configureMonaco } from "@/components/editor/monaco-setup";
import type { EditorMarker } from "@/components/workflows/definition-markers";

export interface DefinitionEditorProps {
  value: string;
  onChange: (value: string) => void;
  markers: readonly EditorMarker[];
  path: string;
  label: string;
  height?: string | number;
  dark?: boolean;
  onSave?: () => void;
}

type StandaloneEditor = Parameters<OnMount>[0];
const OWNER = "nimbus-definition";

export default function DefinitionEditor({
  value,
  onChange,
  markers,
  path,
  label,
  height = 560,
  dark,
  onSave,
}: DefinitionEditorProps) {
  configureMonaco();
  const editorRef = useRef<StandaloneEditor | null>(null);
  const monacoRef = useRef<Monaco | null>(null);
  const saveRef = useRef(onSave);
  saveRef.current = onSave;

  const applyMarkers = () => {
    const model = editorRef.current?.getModel();
    const m = monacoRef.current;
    if (!model || !m) return;
    m.editor.setModelMarkers(
      model,
      OWNER,
      markers.map(({ code, ...r }) => ({ ...r, source: code, severity: m.MarkerSeverity.Error })),
    );
  };
  useEffect(applyMarkers, [markers]);

  const onMount: OnMount = (editor, m) => {
    editorRef.current = editor;
    monacoRef.current = m;
    editor.addCommand(m.KeyMod.CtrlCmd | m.KeyCode.KeyS, () => saveRef.current?.());
    editor.getDomNode()?.querySelector("textarea")?.setAttribute("aria-label", label);
    applyMarkers();
  };

  return (
    <div
      className="overflow-hidden rounded-md border border-slate-300 dark:border-slate-700"
      data-testid="definition-editor"
    >
      <Editor
        height={height}
        language="json"
        path={path}
        defaultValue={value}
        theme={dark ? "vs-dark" : "vs"}
        onChange={(v) => onChange(v ?? "")}
        onMount={onMount}
        options={{
          minimap: { enabled: false },
          fontSize: 13,
          tabSize: 2,
          scrollBeyondLastLine: false,
          automaticLayout: true,
          ariaLabel: label,
          fixedOverflowWidgets: true,
          stickyScroll: { enabled: false },
        }}
        loading={<div className="p-4 text-sm text-slate-500">Loading editor…</div>}
      />
    </div>
  );
}
