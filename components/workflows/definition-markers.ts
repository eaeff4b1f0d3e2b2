/** The server's diagnostics as editor markers and list items (pure; the editor turns them into Monaco's). */
import type { DefinitionDiagnostic } from "@/lib/queries/state-machines";

export interface EditorMarker {
  startLineNumber: number;
  startColumn: number;
  endLineNumber: number;
  endColumn: number;
  message: string;
  code: string;
}

/**
 * A marker from the diagnostic's position to the end of its line (a problem without a position
 * marks the first line); positions past the text are pulled back inside it.
 */
export function toMarkers(diagnostics: readonly DefinitionDiagnostic[], text: string): EditorMarker[] {
  const lines = text.split("\n");
  return diagnostics.map((d) => {
    const line = Math.min(Math.max(d.line ?? 1, 1), lines.length);
    const content = lines[line - 1] ?? "";
    const lastColumn = content.trimEnd().length + 1;
    const first = content.length - content.trimStart().length + 1;
    const startColumn = d.column ? Math.min(Math.max(d.column, 1), lastColumn) : first;
    return {
      startLineNumber: line,
      startColumn,
      endLineNumber: line,
      endColumn: Math.max(lastColumn, startColumn + 1),
      message: d.path ? `${d.message} (${d.path})` : d.message,
      code: d.code,
    };
  });
}

/** Where a diagnostic is, for the list under the editor: "Line 7, column 19". */
export function diagnosticPlace(d: DefinitionDiagnostic): string {
  if (!d.line) return d.path ? d.path : "Definition";
  return d.column ? `Line ${d.line}, column ${d.column}` : `Line ${d.line}`;
}

/** The definition as an object if it is JSON (the graph draws it while the rest is being checked). */
export function parseDefinition(text: string): Record<string, unknown> | null {
  try {
    const v = JSON.parse(text) as unknown;
    return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Problems in the order of the text (those without a position first). */
export function sortDiagnostics<T extends DefinitionDiagnostic>(diagnostics: readonly T[]): T[] {
  return [...diagnostics].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}
