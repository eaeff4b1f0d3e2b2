"use client";
/**
 * Monaco, loaded from this app's own bundle (no CDN: the console works offline), with the
 * handler contract's types for completion and checkJs for squiggles. Import it through
 * next/dynamic with ssr: false — Monaco needs a browser.
 */
import Editor, { type OnMount } from "@monaco-editor/react";
import { configureMonaco } from "@/components/editor/monaco-setup";

export interface CodeEditorProps {
  /** The initial text. The editor is uncontrolled (a controlled one loses keystrokes while
   * React catches up); to replace the text from outside, remount it with a new React key. */
  value: string;
  onChange: (value: string) => void;
  language: "javascript" | "json";
  path: string;
  label: string;
  height?: string | number;
  onSave?: () => void;
  dark?: boolean;
}

export default function CodeEditor({
  value,
  onChange,
  language,
  path,
  label,
  height = "60vh",
  onSave,
  dark,
}: CodeEditorProps) {
  configureMonaco();
  const onMount: OnMount = (editor, m) => {
    if (onSave) editor.addCommand(m.KeyMod.CtrlCmd | m.KeyCode.KeyS, () => onSave());
    editor.getDomNode()?.querySelector("textarea")?.setAttribute("aria-label", label);
  };
  return (
    <div
      className="overflow-hidden rounded-md border border-slate-300 dark:border-slate-700"
      data-testid={`editor-${language}`}
    >
      <Editor
        height={height}
        language={language}
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
        }}
        loading={<div className="p-4 text-sm text-slate-500">Loading editor…</div>}
      />
    </div>
  );
}
