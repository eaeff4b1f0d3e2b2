"use client";
/**
 * A definition being edited: the text, checked by the server once typing pauses, and the last
 * parsed version for the graph (kept while the text is mid-edit and not JSON).
 */
import { useMemo, useState } from "react";
import { useDebouncedValue } from "@/components/ui/use-time";
import { type MachineType, useDefinitionCheck } from "@/lib/queries/state-machines";
import { parseDefinition, sortDiagnostics, toMarkers } from "@/components/workflows/definition-markers";

const SETTLE_MS = 400;
const NONE: never[] = [];

export function useDefinitionDraft(initial: string, type: MachineType) {
  const [text, setText] = useState(initial);
  const settled = useDebouncedValue(text, SETTLE_MS);
  const check = useDefinitionCheck(settled, type, settled.trim().length > 0);
  const parsed = useMemo(() => parseDefinition(settled), [settled]);
  const [drawn, setDrawn] = useState(parsed);
  if (parsed && parsed !== drawn) setDrawn(parsed);
  const raw = check.data?.diagnostics ?? NONE;
  const diagnostics = useMemo(() => sortDiagnostics(raw), [raw]);
  const markers = useMemo(() => toMarkers(diagnostics, settled), [diagnostics, settled]);
  return {
    text,
    setText,
    /** What the graph draws: the newest text that parsed. */
    definition: drawn,
    /** The text is not JSON right now: the graph shows the last that was. */
    graphStale: parsed === null && drawn !== null,
    diagnostics,
    markers,
    /** The server's verdict on what is typed now (null while typing or checking). */
    valid: settled === text && !check.isPlaceholderData && check.data ? check.data.ok : null,
    checking: settled !== text || check.isFetching,
    checkError: check.error,
  };
}

export type DefinitionDraft = ReturnType<typeof useDefinitionDraft>;
