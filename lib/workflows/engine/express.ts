/**
 * Express executions (StartSyncExecution): the same interpreter, in memory, start to end in the
 * caller's request — nothing is journaled while it runs; the caller records the result. They
 * last at most five minutes, as on Step Functions, and cannot wait for task tokens.
 */
import type { Logger } from "@/lib/log";
import type { StateMachineDefinition } from "@/lib/workflows/asl/types";
import { ExecutionActor } from "@/lib/workflows/engine/actor";
import type { ExecutionInfo } from "@/lib/workflows/engine/context";
import type { HistoryEvent } from "@/lib/workflows/engine/history";
import { MemoryJournal } from "@/lib/workflows/engine/journal";
import type { TaskPort } from "@/lib/workflows/engine/tasks";
import { initialSnapshot } from "@/lib/workflows/engine/start";

export const EXPRESS_MAX_MS = 5 * 60_000;

export interface ExpressResult {
  status: "SUCCEEDED" | "FAILED" | "TIMED_OUT";
  output?: string;
  error?: string;
  cause?: string;
  events: HistoryEvent[];
  stoppedAt: Date;
}

export async function runExpress(
  info: ExecutionInfo,
  def: StateMachineDefinition,
  deps: { tasks: TaskPort; log: Logger },
): Promise<ExpressResult> {
  const journal = new MemoryJournal();
  const cap = new Date(info.startedAt.getTime() + EXPRESS_MAX_MS);
  const deadlineAt = info.deadlineAt && info.deadlineAt < cap ? info.deadlineAt : cap;
  const { snapshot, events } = initialSnapshot(def, info);
  journal.events.push(...events);
  const actor = new ExecutionActor({ ...info, deadlineAt }, def, snapshot, events.length + 1, {
    tasks: deps.tasks,
    journal,
    log: deps.log,
    holdMs: Number.POSITIVE_INFINITY,
    tokens: false,
  });
  actor.start();
  const how = await actor.done;
  const final = journal.last?.final;
  if (how !== "finished" || !final) throw new Error(`the express execution ${info.arn} stopped unfinished (${how})`);
  return { ...final, events: journal.events, stoppedAt: new Date() };
}
