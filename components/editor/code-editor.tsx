"use client";
/**
 * Monaco, loaded from this app's own bundle (no CDN: the console works offline), with the
 * handler contract's types for completion and checkJs for squiggles. Import it through
 * next/dynamic with ssr: false — Monaco needs a browser.
 */
import * as monaco from "monaco-editor";
import Editor, { loader, type OnMount } from "@monaco-editor/react";
import { handlerTypes } from "@/lib/code/handler-types";

declare global {
  interface Window {
    MonacoEnvironment?: { getWorker(workerId: string, label: string): Worker };
  }
}

let configured = false;
function configure() {
  if (configured) return;
  configured = true;
  // Each worker is written out literally so the bundler emits it; every label gets one.
  window.MonacoEnvironment = {
    getWorker(_id: string, label: string) {
      if (label === "json") return new Worker(new URL("./workers/json.worker.ts", import.meta.url), { type: "module" });
      if (label === "typescript" || label === "javascript")
        return new Worker(new URL("./workers/ts.worker.ts", import.meta.url), { type: "module" });
      return new Worker(new URL("./workers/editor.worker.ts", import.meta.url), { type: "module" });
    },
  };
  loader.config({ monaco });
  const js = monaco.typescript.javascriptDefaults;
  js.setCompilerOptions({
    allowJs: true,
    checkJs: true,
    allowNonTsExtensions: true,
    target: monaco.typescript.ScriptTarget.ESNext,
    module: monaco.typescript.ModuleKind.ESNext,
    moduleResolution: monaco.typescript.ModuleResolutionKind.NodeJs,
    // "dom" brings console, timers, fetch, URL, performance… the globals Node shares with browsers.
    lib: ["es2023", "dom"],
  });
  js.setDiagnosticsOptions({ noSemanticValidation: false, noSyntaxValidation: false });
  js.addExtraLib(handlerTypes, "file:///node_modules/@types/nimbus/index.d.ts");
  // Node's globals (console, process, Buffer…) without pulling @types/node into the browser.
  js.addExtraLib(
    "declare var process: { env: Record<string, string | undefined> }; declare var Buffer: any; " +
      "declare function require(id: string): any; declare var module: any; declare var exports: any; " +
      'declare module "node:*";',
    "file:///node_modules/@types/nimbus-node/index.d.ts",
  );
}

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
  configure();
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
