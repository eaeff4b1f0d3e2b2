/**
 * Where the actor writes what it did. A checkpoint is atomic: the snapshot, the history events
 * since the last one, the task tokens it made, and (at the end) the result. It is fenced: it
 * applies only while this runner still holds the execution and it is still RUNNING, so a runner
 * that lost its lease, or an execution stopped meanwhile, stops at its next checkpoint.
 */
import type { HistoryEvent } from "@/lib/workflows/engine/history";
import type { Snapshot } from "@/lib/workflows/engine/threads";

export type FinalStatus = "SUCCEEDED" | "FAILED" | "TIMED_OUT";

export interface Checkpoint {
  snapshot: Snapshot;
  events: HistoryEvent[];
  nextEventId: number;
  tokens: { token: string; threadId: string }[];
  /** Tokens whose task has moved on (answered, timed out): a late answer is refused. */
  doneTokens: string[];
  final?: { status: FinalStatus; output?: string; error?: string; cause?: string };
  /** When a runner should look at the execution next (null: only an outside answer can move it). */
  dueAt: Date | null;
  /** Whether this runner lets go of it (it waits for a timer or a token). */
  release: boolean;
}

export interface TokenAnswer {
  token: string;
  threadId: string;
  status: "waiting" | "succeeded" | "failed" | "done";
  output: string | null;
  error: string | null;
  cause: string | null;
  heartbeatAt: Date | null;
}

export interface Journal {
  /** False when the execution is no longer this runner's (lease lost, stopped): the actor stops. */
  checkpoint(c: Checkpoint): Promise<boolean>;
  /** The execution's task tokens, answered or not. */
  tokens(): Promise<TokenAnswer[]>;
}

/** Express executions: nothing is journaled while they run; the caller records the result. */
export class MemoryJournal implements Journal {
  readonly events: HistoryEvent[] = [];
  last: Checkpoint | null = null;

  async checkpoint(c: Checkpoint): Promise<boolean> {
    this.events.push(...c.events);
    this.last = c;
    return true;
  }

  async tokens(): Promise<TokenAnswer[]> {
    return [];
  }
}
