/**
 * History events in Step Functions' shapes (GetExecutionHistory): `<Type>StateEntered` with
 * `stateEnteredEventDetails`, `LambdaFunctionSucceeded` with `lambdaFunctionSucceededEventDetails`,
 * and so on. The actor buffers them and the journal writes them with the checkpoint that follows.
 */
export interface HistoryEvent {
  id: number;
  previousEventId: number;
  type: string;
  timestamp: Date;
  /** The details member's name (e.g. "stateEnteredEventDetails", detailsMemberOf) and value; null for events with none. */
  member: string | null;
  details: Record<string, unknown> | null;
}

/** Step Functions' member name for an event type's details. */
export function detailsMemberOf(type: string): string | null {
  if (type.endsWith("StateEntered")) return "stateEnteredEventDetails";
  if (type.endsWith("StateExited")) return "stateExitedEventDetails";
  const fixed = FIXED_MEMBERS[type];
  if (fixed !== undefined) return fixed;
  // LambdaFunctionScheduled → lambdaFunctionScheduledEventDetails, TaskFailed → taskFailedEventDetails, …
  return `${type[0]!.toLowerCase()}${type.slice(1)}EventDetails`;
}

const FIXED_MEMBERS: Record<string, string | null> = {
  ParallelStateStarted: null,
  ParallelStateSucceeded: null,
  ParallelStateFailed: null,
  MapStateSucceeded: null,
  MapStateFailed: null,
  LambdaFunctionStarted: null,
  WaitStateAborted: null,
  FailStateEntered: "stateEnteredEventDetails",
};

/** State types as their event names spell them ("Pass" → PassStateEntered). */
export function stateEventPrefix(type: string): string {
  return type === "Task" ||
    type === "Pass" ||
    type === "Choice" ||
    type === "Wait" ||
    type === "Succeed" ||
    type === "Fail" ||
    type === "Parallel" ||
    type === "Map"
    ? type
    : "Pass";
}

/** Data in history events is JSON text, as on Step Functions. */
export function jsonText(value: unknown): string {
  return JSON.stringify(value === undefined ? null : value);
}

/** Events as one JSON array for `jsonb_to_recordset` (id, prev, type, ts, details): one INSERT for many. */
export function eventsJson(events: HistoryEvent[]): string {
  return JSON.stringify(
    events.map((e) => ({
      id: e.id,
      prev: e.previousEventId,
      type: e.type,
      ts: e.timestamp.toISOString(),
      details: { member: e.member, details: e.details },
    })),
  );
}
