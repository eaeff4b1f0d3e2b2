"use client";
/**
 * Monaco from this app's own bundle (no CDN: the console works offline), shared by the code
 * editor and the versions diff: its workers, and the handler contract's types for completion
 * and checkJs squiggles. Import it only from modules loaded with next/dynamic and ssr: false.
 */
import * as monaco from "monaco-editor";
import { loader } from "@monaco-editor/react";
import { handlerTypes } from "@/lib/code/handler-types";

declare global {
  interface Window {
    MonacoEnvironment?: { getWorker(workerId: string, label: string): Worker };
  }
}

let configured = false;

/** Points @monaco-editor/react at the bundled Monaco and its workers, once per page. */
export function configureMonaco(): void {
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
