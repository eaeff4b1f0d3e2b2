/** A new execution's first snapshot and its ExecutionStarted event. */
import type { StateMachineDefinition } from "@/lib/workflows/asl/types";
import type { ExecutionInfo } from "@/lib/workflows/engine/context";
import { type HistoryEvent, jsonText } from "@/lib/workflows/engine/history";
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
