"use client";
/**
 * Monaco's diff editor, read-only, over two texts. Import it through next/dynamic with ssr: false.
 * Built on createDiffEditor directly rather than @monaco-editor/react's DiffEditor, which disposes
 * the models before the editor on unmount ("TextModel got disposed before DiffEditorWidget model
 * got reset"); here the editor goes first, then the models it showed.
 */
import * as monaco from "monaco-editor";
import { useEffect, useRef, useState } from "react";
import { configureMonaco } from "@/components/editor/monaco-setup";

export interface CodeDiffEditorProps {
  original: string;
  modified: string;
  /** Monaco's language id ("javascript", "json", "plaintext"…). */
  language: string;
  /** Names both sides for screen readers: "<label>, version 1". */
  originalLabel: string;
  modifiedLabel: string;
  /** The editor grows with its content up to this CSS height, then scrolls. */
  maxHeight?: string;
  dark?: boolean;
}

export default function CodeDiffEditor({
  original,
  modified,
  language,
  originalLabel,
  modifiedLabel,
  maxHeight = "60vh",
  dark,
}: CodeDiffEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<monaco.editor.IStandaloneDiffEditor | null>(null);
  const [contentPx, setContentPx] = useState(0);

  useEffect(() => {
    configureMonaco();
    if (!host.current) return;
    const e = monaco.editor.createDiffEditor(host.current, {
      readOnly: true,
      originalEditable: false,
      automaticLayout: true,
      renderSideBySide: true,
      useInlineViewWhenSpaceIsLimited: true,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      wordWrap: "on",
      diffWordWrap: "on",
      fontSize: 13,
      renderOverviewRuler: false,
      // Long files: unchanged stretches fold away, a few lines of context stay.
      hideUnchangedRegions: { enabled: true, contextLineCount: 3, minimumLineCount: 5 },
    });
    editor.current = e;
    // As tall as the taller side (a two-line file gets a small box, not half the screen).
    const fit = () =>
      setContentPx(Math.max(e.getOriginalEditor().getContentHeight(), e.getModifiedEditor().getContentHeight()));
    const subscriptions = [
      e.getOriginalEditor().onDidContentSizeChange(fit),
      e.getModifiedEditor().onDidContentSizeChange(fit),
    ];
    return () => {
      for (const sub of subscriptions) sub.dispose();
      const models = e.getModel();
      e.dispose();
      models?.original.dispose();
      models?.modified.dispose();
      editor.current = null;
    };
  }, []);

  useEffect(() => {
    const e = editor.current;
    if (!e) return;
    const before = e.getModel();
    e.setModel({
      original: monaco.editor.createModel(original, language),
      modified: monaco.editor.createModel(modified, language),
    });
    before?.original.dispose();
    before?.modified.dispose();
  }, [original, modified, language]);

  // After the editor is made (effects run in order), and whenever the sides change.
  useEffect(() => {
    editor.current?.getOriginalEditor().updateOptions({ ariaLabel: originalLabel });
    editor.current?.getModifiedEditor().updateOptions({ ariaLabel: modifiedLabel });
  }, [originalLabel, modifiedLabel]);

  useEffect(() => monaco.editor.setTheme(dark ? "vs-dark" : "vs"), [dark]);

  return (
    <div
      ref={host}
      style={{ height: `min(${maxHeight}, ${Math.max(120, contentPx + 2)}px)` }}
      className="overflow-hidden rounded-md border border-slate-300 dark:border-slate-700"
      data-testid="diff-editor"
    />
  );
}
