/** A new execution's first snapshot and its ExecutionStarted event, and a Standard one's first row. */
import type { StateMachineDefinition } from "@/lib/workflows/asl/types";
import type { ExecutionInfo } from "@/lib/workflows/engine/context";
import { type HistoryEvent, jsonText } from "@/lib/workflows/engine/history";
import type { ExecutionRow } from "@/lib/workflows/engine/insert";
import { newThread, ROOT, type Snapshot } from "@/lib/workflows/engine/threads";

export function initialSnapshot(
  def: StateMachineDefinition,
  info: Pick<ExecutionInfo, "input" | "startedAt" | "roleArn" | "stateMachineArn">,
): { snapshot: Snapshot; events: HistoryEvent[] } {
  const root = newThread(ROOT, null, [], 0, def.StartAt, info.input, {}, info.startedAt, 1);
  const started: HistoryEvent = {
    id: 1,
    previousEventId: 0,
    type: "ExecutionStarted",
    timestamp: info.startedAt,
    member: "executionStartedEventDetails",
    details: {
      input: jsonText(info.input),
      inputDetails: { truncated: false },
      roleArn: info.roleArn,
      stateMachineArn: info.stateMachineArn,
    },
  };
  return { snapshot: { threads: { [ROOT]: root } }, events: [started] };
}

/** The machine's TimeoutSeconds as a deadline from `from` (null: none). */
export function deadlineOf(def: StateMachineDefinition, from: Date): Date | null {
  return def.TimeoutSeconds ? new Date(from.getTime() + def.TimeoutSeconds * 1000) : null;
}

/**
 * A new Standard execution as it is stored (lib/workflows/engine/insert.ts): RUNNING and due now,
 * with its first snapshot and event. StartExecution and the claimed starts (schedule fires, event
 * source batches) make theirs here.
 */
export function standardExecution(x: {
  id: string;
  name: string;
  machine: { id: string; definition: string; roleArn: string };
  machineArn: string;
  /** The input as given, and parsed. */
  inputText: string;
  input: unknown;
  traceId: string;
  startedAt: Date;
}): { row: ExecutionRow; events: HistoryEvent[] } {
  const def = JSON.parse(x.machine.definition) as StateMachineDefinition;
  const { snapshot, events } = initialSnapshot(def, {
    input: x.input,
    startedAt: x.startedAt,
    roleArn: x.machine.roleArn,
    stateMachineArn: x.machineArn,
  });
  const row: ExecutionRow = {
    id: x.id,
    stateMachineId: x.machine.id,
    name: x.name,
    type: "STANDARD",
    status: "RUNNING",
    definition: x.machine.definition,
    input: x.inputText,
    snapshot,
    traceId: x.traceId,
    startedAt: x.startedAt,
    dueAt: x.startedAt,
    deadlineAt: deadlineOf(def, x.startedAt),
  };
  return { row, events };
}
